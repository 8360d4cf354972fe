package io.fastschema.realtime.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values one case's placeholders stand for, made on first use and kept for the case:
 *
 * <ul>
 *   <li>{@code {{marker}}}: unique to the run and the case; rows the case writes carry it, and only
 *       messages containing it count as the case's messages;
 *   <li>{@code {{uuid:name}}}: a fresh time-ordered UUID; every row these ids name (users, roles,
 *       permissions, memberships) is deleted after the case;
 *   <li>{@code {{uuid_zero_tail:name}}}: the same, but ending in two zero bytes ({@code …0000}),
 *       which a MySQL/MariaDB binlog does not write (one id in 256 ends in one), cleaned up too;
 *   <li>{@code {{ref:name}}}: the value a setup statement captured;
 *   <li>{@code {{role:Name}}}: the id of the existing role with that name;
 *   <li>{@code {{root_user}}}, {@code {{root_role}}}, {@code {{root_username}}};
 *   <li>{@code {{token:name}}}: the case's token of that name, or a built-in ({@link TokenSpec});
 *   <li>{@code {{filler:N}}}: N times {@code x}, for frames of a given size.
 * </ul>
 *
 * <p>Not thread-safe: one case, one thread.
 */
final class CaseScope {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)(?::([^{}]*))?}}");

  private final String marker;
  private final StackIdentity identity;
  private final String appKey;
  private final Map<String, JsonNode> tokenDefinitions;
  private final Map<String, String> uuids = new LinkedHashMap<>();
  private final Map<String, String> refs = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();

  CaseScope(
      String marker,
      StackIdentity identity,
      String appKey,
      Map<String, JsonNode> tokenDefinitions) {
    this.marker = marker;
    this.identity = identity;
    this.appKey = appKey;
    this.tokenDefinitions = tokenDefinitions;
  }

  String marker() {
    return marker;
  }

  /** Every UUID handed out, for the clean-up. */
  List<String> uuids() {
    return new ArrayList<>(uuids.values());
  }

  void capture(String name, String value) {
    refs.put(name, value);
  }

  /**
   * The text with every placeholder replaced.
   *
   * @throws IllegalArgumentException for an unknown placeholder or an uncaptured ref
   */
  String resolve(String text) {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(valueOf(m.group(1), m.group(2))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String valueOf(String kind, String arg) {
    return switch (kind) {
      case "marker" -> marker;
      case "uuid" -> uuids.computeIfAbsent(require(kind, arg), n -> Uuid7.next().toString());
      case "uuid_zero_tail" ->
          uuids.computeIfAbsent(
              "zero-tail:" + require(kind, arg), n -> Uuid7.nextEndingInZeroBytes().toString());
      case "ref" -> {
        String v = refs.get(require(kind, arg));
        if (v == null) {
          throw new IllegalArgumentException("{{ref:" + arg + "}} was not captured");
        }
        yield v;
      }
      case "role" -> identity.roleId(require(kind, arg));
      case "root_user" -> identity.rootUserId();
      case "root_role" -> identity.rootRoleId();
      case "root_username" -> identity.rootUsername();
      case "token" -> token(require(kind, arg));
      case "filler" -> "x".repeat(Integer.parseInt(require(kind, arg)));
      default -> throw new IllegalArgumentException("unknown placeholder {{" + kind + "}}");
    };
  }

  /** The named token, minted on first use (so expiries count from the handshake). */
  String token(String name) {
    String minted = tokens.get(name);
    if (minted == null) {
      JsonNode definition = tokenDefinitions.get(name);
      TokenSpec spec = definition != null ? TokenSpec.parse(definition) : TokenSpec.builtIn(name);
      if (spec == null) {
        throw new IllegalArgumentException("no token named '" + name + "'");
      }
      minted = spec.mint(this::resolve, appKey);
      tokens.put(name, minted);
    }
    return minted;
  }

  private static String require(String kind, String arg) {
    if (arg == null || arg.isEmpty()) {
      throw new IllegalArgumentException("{{" + kind + ":…}} needs a name");
    }
    return arg;
  }
}
