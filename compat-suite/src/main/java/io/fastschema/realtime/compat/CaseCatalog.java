package io.fastschema.realtime.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.compat.CompatCase.Close;
import io.fastschema.realtime.compat.CompatCase.Expectation;
import io.fastschema.realtime.compat.CompatCase.Handshake;
import io.fastschema.realtime.compat.CompatCase.HttpStatus;
import io.fastschema.realtime.compat.CompatCase.Open;
import io.fastschema.realtime.compat.CompatCase.SetupStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the case table. The file is strict: an unknown key, a missing required key or a duplicate
 * id is an error naming the case, so that a typo cannot silently drop a check.
 *
 * <p>Stateless; thread-safe.
 */
final class CaseCatalog {

  /** The table shipped with this module, next to this class. */
  static final String RESOURCE = "compat-cases.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CASE_KEYS =
      Set.of(
          "id",
          "spec",
          "description",
          "known_gap",
          "setup",
          "tokens",
          "await_allowed",
          "handshake",
          "expect",
          "steps",
          "cleanup",
          "on_mysql");

  /**
   * What an {@code on_mysql} block may replace, and its required {@code why}: the answer FastSchema
   * gives on MySQL/MariaDB differs (collation, cascades the binlog does not carry, SQL syntax).
   */
  private static final Set<String> ON_MYSQL_KEYS =
      Set.of("why", "description", "known_gap", "setup", "handshake", "expect", "steps", "cleanup");

  private static final Set<String> HANDSHAKE_KEYS =
      Set.of(
          "path",
          "query",
          "params",
          "token",
          "headers",
          "cookies",
          "subprotocols",
          "plain_http",
          "retry_until_open");
  private static final Set<String> EXPECT_KEYS =
      Set.of("close", "open", "http_status", "subprotocol");
  private static final Set<String> CLOSE_KEYS = Set.of("code", "reason", "reason_prefix");
  private static final Set<String> MESSAGE_KEYS =
      Set.of(
          "raw",
          "event",
          "data",
          "rows",
          "keys",
          "first_key",
          "keys_present",
          "keys_absent",
          "values",
          "ids");
  static final String DEFAULT_PATH = "/api/realtime/content";
  private static final int DEFAULT_MESSAGE_WAIT_MS = 5_000;
  private static final int DEFAULT_CLOSE_WAIT_MS = 5_000;

  private CaseCatalog() {}

  /** The shipped table, for a stack on PostgreSQL. */
  static List<CompatCase> load() {
    return load(false);
  }

  /**
   * The shipped table; for a stack on MySQL/MariaDB ({@code onMySql}) each case's {@code on_mysql}
   * block replaces the keys it names.
   */
  static List<CompatCase> load(boolean onMySql) {
    try (InputStream in = CaseCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + RESOURCE + " next to " + CaseCatalog.class.getName());
      }
      return parse(JSON.readTree(in), onMySql);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses {@code {"cases":[…]}} for PostgreSQL; see {@link #parse(JsonNode, boolean)}. */
  static List<CompatCase> parse(JsonNode root) {
    return parse(root, false);
  }

  /** Parses {@code {"cases":[…]}}; throws {@link IllegalArgumentException} naming the problem. */
  static List<CompatCase> parse(JsonNode root, boolean onMySql) {
    JsonNode cases = root.path("cases");
    if (!cases.isArray()) {
      throw new IllegalArgumentException(RESOURCE + ": expected {\"cases\":[...]}");
    }
    List<CompatCase> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode c : cases) {
      String id = c.path("id").asText("");
      try {
        // The MySQL form is parsed on PostgreSQL too, so that a typo in it fails every run.
        CompatCase mySqlForm = parseCase(forMySql(c));
        CompatCase parsed = onMySql ? mySqlForm : parseCase(c);
        if (!ids.add(parsed.id())) {
          throw new IllegalArgumentException("duplicate id");
        }
        out.add(parsed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            RESOURCE + ", case '" + id + "' (#" + (out.size() + 1) + "): " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The case with its {@code on_mysql} block applied (checked even when there is none to apply).
   */
  private static JsonNode forMySql(JsonNode c) {
    JsonNode override = c.get("on_mysql");
    if (override == null) {
      return c;
    }
    requireKeys(override, ON_MYSQL_KEYS, "on_mysql");
    if (override.path("why").asText("").isBlank()) {
      throw new IllegalArgumentException("on_mysql needs a \"why\"");
    }
    com.fasterxml.jackson.databind.node.ObjectNode merged =
        ((com.fasterxml.jackson.databind.node.ObjectNode) c).deepCopy();
    merged.remove("on_mysql");
    override
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("why")) {
                merged.set(e.getKey(), e.getValue());
              }
            });
    return merged;
  }

  private static CompatCase parseCase(JsonNode c) {
    requireKeys(c, CASE_KEYS, "case");
    Expectation expect = expectation(required(c, "expect"));
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : c.path("steps")) {
      steps.add(step(s));
    }
    if (!steps.isEmpty() && !(expect instanceof Open)) {
      throw new IllegalArgumentException("steps need \"expect\": {\"open\": true}");
    }
    Map<String, JsonNode> tokens = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : c.path("tokens").properties()) {
      tokens.put(e.getKey(), e.getValue());
    }
    JsonNode await = c.get("await_allowed");
    return new CompatCase(
        text(c, "id"),
        text(c, "spec"),
        text(c, "description"),
        c.hasNonNull("known_gap") ? c.get("known_gap").asText() : null,
        setup(c.path("setup")),
        tokens,
        await == null ? null : handshake(await),
        handshake(required(c, "handshake")),
        expect,
        steps,
        strings(c.path("cleanup")));
  }

  private static List<SetupStatement> setup(JsonNode setup) {
    List<SetupStatement> out = new ArrayList<>();
    for (JsonNode s : setup) {
      if (s.isTextual()) {
        out.add(new SetupStatement(s.asText(), null));
      } else {
        requireKeys(s, Set.of("sql", "capture"), "setup statement");
        out.add(new SetupStatement(text(s, "sql"), s.path("capture").asText(null)));
      }
    }
    return out;
  }

  private static Handshake handshake(JsonNode h) {
    requireKeys(h, HANDSHAKE_KEYS, "handshake");
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (JsonNode p : h.path("params")) {
      if (!p.isArray() || p.size() != 2) {
        throw new IllegalArgumentException("params are [name, value] pairs");
      }
      params.add(new AbstractMap.SimpleImmutableEntry<>(p.get(0).asText(), p.get(1).asText()));
    }
    return new Handshake(
        h.path("path").asText(DEFAULT_PATH),
        h.path("query").asText(""),
        params,
        text(h, "token"),
        stringMap(h.path("headers")),
        stringMap(h.path("cookies")),
        h.hasNonNull("subprotocols") ? h.get("subprotocols").asText() : null,
        h.path("plain_http").asBoolean(false),
        h.path("retry_until_open").asBoolean(false));
  }

  private static Expectation expectation(JsonNode e) {
    requireKeys(e, EXPECT_KEYS, "expect");
    String subprotocol = null;
    if (e.has("subprotocol")) {
      subprotocol = e.get("subprotocol").isNull() ? "" : e.get("subprotocol").asText();
    }
    int kinds = (e.has("close") ? 1 : 0) + (e.has("open") ? 1 : 0) + (e.has("http_status") ? 1 : 0);
    if (kinds != 1) {
      throw new IllegalArgumentException("expect needs exactly one of close, open, http_status");
    }
    if (e.has("close")) {
      JsonNode c = e.get("close");
      requireKeys(c, CLOSE_KEYS, "close");
      if (c.has("reason") == c.has("reason_prefix")) {
        throw new IllegalArgumentException("close needs exactly one of reason, reason_prefix");
      }
      return new Close(
          required(c, "code").asInt(),
          c.path("reason").asText(null),
          c.path("reason_prefix").asText(null),
          subprotocol);
    }
    if (e.has("open")) {
      return new Open(subprotocol);
    }
    return new HttpStatus(e.get("http_status").asInt());
  }

  private static Step step(JsonNode s) {
    if (s.has("sql")) {
      requireKeys(s, Set.of("sql"), "sql step");
      return new Step.Sql(strings(s.get("sql")));
    }
    if (s.has("tx")) {
      requireKeys(s, Set.of("tx", "end", "quiet_before_end_ms"), "tx step");
      String end = text(s, "end");
      if (!end.equals("commit") && !end.equals("rollback")) {
        throw new IllegalArgumentException("tx end is commit or rollback");
      }
      return new Step.Transaction(
          strings(s.get("tx")), end.equals("commit"), s.path("quiet_before_end_ms").asInt(0));
    }
    if (s.has("send_text")) {
      requireKeys(s, Set.of("send_text"), "send_text step");
      return new Step.SendText(s.get("send_text").asText());
    }
    if (s.has("send_binary")) {
      requireKeys(s, Set.of("send_binary"), "send_binary step");
      return new Step.SendBinary(s.get("send_binary").asText());
    }
    if (s.has("message")) {
      requireKeys(s, Set.of("message", "within_ms"), "message step");
      return new Step.AwaitMessage(
          message(s.get("message")), s.path("within_ms").asInt(DEFAULT_MESSAGE_WAIT_MS));
    }
    if (s.has("quiet_ms")) {
      requireKeys(s, Set.of("quiet_ms"), "quiet step");
      return new Step.Quiet(s.get("quiet_ms").asInt());
    }
    if (s.has("close")) {
      requireKeys(s, Set.of("close", "within_ms"), "close step");
      JsonNode c = s.get("close");
      requireKeys(c, Set.of("code", "reason"), "close");
      return new Step.AwaitClose(
          required(c, "code").asInt(),
          c.path("reason").asText(null),
          s.path("within_ms").asInt(DEFAULT_CLOSE_WAIT_MS));
    }
    throw new IllegalArgumentException("unknown step " + s);
  }

  private static MessageExpectation message(JsonNode m) {
    requireKeys(m, MESSAGE_KEYS, "message");
    String data = m.path("data").asText(null);
    if (data != null && !data.equals("object") && !data.equals("array")) {
      throw new IllegalArgumentException("message data is object or array");
    }
    return new MessageExpectation(
        m.path("raw").asText(null),
        m.path("event").asText(null),
        data,
        m.path("rows").asInt(-1),
        m.has("keys") ? strings(m.get("keys")) : null,
        m.path("first_key").asText(null),
        strings(m.path("keys_present")),
        strings(m.path("keys_absent")),
        stringMap(m.path("values")),
        m.has("ids") ? strings(m.get("ids")) : null);
  }

  private static void requireKeys(JsonNode node, Set<String> allowed, String what) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " must be an object: " + node);
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' in " + what);
              }
            });
  }

  private static JsonNode required(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    return v;
  }

  private static String text(JsonNode node, String key) {
    return required(node, key).asText();
  }

  private static List<String> strings(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }
}
