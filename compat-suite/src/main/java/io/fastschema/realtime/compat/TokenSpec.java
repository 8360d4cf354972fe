package io.fastschema.realtime.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.client.TokenSigner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * How to make one access token, as a case names it: a built-in name, or an object
 *
 * <pre>{@code
 * {"user": "{{uuid:u}}", "roles": ["{{uuid:r}}"], "active": true, "exp_in_s": 3600,
 *  "no_exp": false, "alg": "HS256", "key": "app", "no_user": false, "iat_now": false,
 *  "claims": {...}, "username": "...", "raw": "literal token text"}
 * }</pre>
 *
 * Claims are written in FastSchema's order ({@code exp}, then {@code user{id, username, active,
 * role_ids}}, where {@code active:false} is omitted as Go's {@code omitempty} does), then {@code
 * iat} and the extra {@code claims}.
 *
 * <p>Built-ins: {@code root} (a user holding a root role, found in the database), {@code
 * root-inactive}, {@code expired}, {@code forged} (signed with another key), {@code alg-none},
 * {@code rs256}, {@code hs384}, {@code hs512}, {@code no-exp}, {@code refresh} (FastSchema's
 * refresh token: {@code exp, iat, uid, sid}, no {@code user}), {@code malformed}.
 *
 * <p>Immutable.
 */
record TokenSpec(
    String raw,
    String user,
    List<String> roles,
    boolean active,
    Long expInSeconds,
    String alg,
    boolean wrongKey,
    boolean noUser,
    boolean iatNow,
    String username,
    ObjectNode extraClaims) {

  private static final Set<String> KEYS =
      Set.of(
          "user",
          "roles",
          "active",
          "exp_in_s",
          "no_exp",
          "alg",
          "key",
          "no_user",
          "iat_now",
          "claims",
          "username",
          "raw");
  private static final long DEFAULT_LIFETIME_S = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT_USER = "{{root_user}}";
  private static final List<String> ROOT_ROLES = List.of("{{root_role}}");

  private static TokenSpec root() {
    return new TokenSpec(
        null,
        ROOT_USER,
        ROOT_ROLES,
        true,
        DEFAULT_LIFETIME_S,
        "HS256",
        false,
        false,
        false,
        "{{root_username}}",
        JsonNodeFactory.instance.objectNode());
  }

  /** A built-in token, or null when there is none of that name. */
  static TokenSpec builtIn(String name) {
    TokenSpec r = root();
    return switch (name) {
      case "root" -> r;
      case "root-inactive" -> r.withActive(false);
      case "expired" -> r.withExp(-60L);
      case "forged" ->
          new TokenSpec(
              null,
              r.user,
              r.roles,
              true,
              DEFAULT_LIFETIME_S,
              "HS256",
              true,
              false,
              false,
              r.username,
              r.extraClaims);
      case "alg-none" -> r.withAlg("none");
      case "rs256" -> r.withAlg("RS256");
      case "hs384" -> r.withAlg("HS384");
      case "hs512" -> r.withAlg("HS512");
      case "no-exp" -> r.withExp(null);
      case "refresh" -> {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("uid", ROOT_USER);
        claims.put("sid", UUID.randomUUID().toString());
        yield new TokenSpec(
            null,
            null,
            List.of(),
            false,
            DEFAULT_LIFETIME_S,
            "HS256",
            false,
            true,
            true,
            null,
            claims);
      }
      case "malformed" ->
          new TokenSpec(
              "not-a.jwt.token",
              null,
              List.of(),
              false,
              null,
              null,
              false,
              false,
              false,
              null,
              null);
      default -> null;
    };
  }

  /** Reads a case's token definition. */
  static TokenSpec parse(JsonNode node) {
    if (node.isTextual()) {
      TokenSpec b = builtIn(node.asText());
      if (b == null) {
        throw new IllegalArgumentException("no built-in token '" + node.asText() + "'");
      }
      return b;
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown token key '" + k + "'");
              }
            });
    if (node.has("raw")) {
      return new TokenSpec(
          node.get("raw").asText(),
          null,
          List.of(),
          false,
          null,
          null,
          false,
          false,
          false,
          null,
          null);
    }
    List<String> roles = new ArrayList<>();
    node.path("roles").forEach(r -> roles.add(r.asText()));
    ObjectNode claims =
        node.has("claims")
            ? (ObjectNode) node.get("claims").deepCopy()
            : JsonNodeFactory.instance.objectNode();
    return new TokenSpec(
        null,
        node.path("user").asText(null),
        roles,
        node.path("active").asBoolean(true),
        node.path("no_exp").asBoolean(false)
            ? null
            : (Long) node.path("exp_in_s").asLong(DEFAULT_LIFETIME_S),
        node.path("alg").asText("HS256"),
        node.path("key").asText("app").equals("wrong"),
        node.path("no_user").asBoolean(false),
        node.path("iat_now").asBoolean(false),
        node.path("username").asText(null),
        claims);
  }

  /**
   * The signed token, claims placeholders resolved now.
   *
   * @param resolve resolves placeholders in ids and textual claims
   */
  String mint(UnaryOperator<String> resolve, String appKey) {
    if (raw != null) {
      return resolve.apply(raw);
    }
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JsonNodeFactory.instance.objectNode();
    if (expInSeconds != null) {
      claims.put("exp", now + expInSeconds);
    }
    if (!noUser) {
      ObjectNode u = claims.putObject("user");
      u.put("id", resolve.apply(user));
      if (username != null) {
        u.put("username", resolve.apply(username));
      }
      if (active) {
        u.put("active", true);
      }
      if (!roles.isEmpty()) {
        var ids = u.putArray("role_ids");
        roles.forEach(r -> ids.add(resolve.apply(r)));
      }
    }
    if (iatNow) {
      claims.put("iat", now);
    }
    for (Map.Entry<String, JsonNode> e : extraClaims.properties()) {
      JsonNode v = e.getValue();
      claims.set(
          e.getKey(),
          v.isTextual() ? JsonNodeFactory.instance.textNode(resolve.apply(v.asText())) : v);
    }
    String key = wrongKey ? "not-the-app-key-" + appKey : appKey;
    try {
      return TokenSigner.sign(alg, JSON.writeValueAsBytes(claims), key);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write claims", e);
    }
  }

  private TokenSpec withActive(boolean value) {
    return new TokenSpec(
        raw,
        user,
        roles,
        value,
        expInSeconds,
        alg,
        wrongKey,
        noUser,
        iatNow,
        username,
        extraClaims);
  }

  private TokenSpec withExp(Long value) {
    return new TokenSpec(
        raw, user, roles, active, value, alg, wrongKey, noUser, iatNow, username, extraClaims);
  }

  private TokenSpec withAlg(String value) {
    return new TokenSpec(
        raw,
        user,
        roles,
        active,
        expInSeconds,
        value,
        wrongKey,
        noUser,
        iatNow,
        username,
        extraClaims);
  }
}
