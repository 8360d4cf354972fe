package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Access control end to end (spec 3): FastSchema's decision at connect, and revocation and token
 * expiry on open connections.
 */
abstract class AccessContract extends StackContract {

  /** A new active user holding the seeded "User" role; returns its token. */
  private String userWithUserRole(boolean active, Duration lifetime) throws SQLException {
    String id = UUID.randomUUID().toString();
    sql(
        "INSERT INTO users (id, username, email, active) VALUES (" + uuidParam() + ", ?, ?, ?)",
        id,
        "u" + id.substring(0, 8),
        id.substring(0, 8) + "@example.com",
        active);
    sql(
        "INSERT INTO roles_users (roles, users) VALUES (" + uuidParam() + ", " + uuidParam() + ")",
        services.seeded().userRoleId(),
        id);
    return TestTokens.builder()
        .user(id)
        .active(active)
        .roleIds(services.seeded().userRoleId())
        .expiresIn(lifetime)
        .signHs256(services.appKey());
  }

  private WebSocketProbe connectAs(String jwt, String query) {
    return WebSocketProbe.connect(uri(query), Map.of("Authorization", "Bearer " + jwt), List.of());
  }

  private WebSocketProbe connectWhenAllowed(String jwt, String query) {
    return connectWhenAllowed(uri(query), jwt);
  }

  @Test
  void userWithoutPermissionIsForbiddenAndGuestsAreUnauthorized() throws Exception {
    String jwt = userWithUserRole(true, Duration.ofHours(1));
    try (WebSocketProbe p = connectAs(jwt, "schema=blog")) {
      var close = p.awaitClose(WAIT);
      assertEquals(4403, close.code());
      assertEquals("[403] Forbidden", close.reason());
    }
    try (WebSocketProbe p = WebSocketProbe.connect(uri("schema=nope"), Map.of(), List.of())) {
      assertEquals(
          "[401] Unauthorized",
          p.awaitClose(WAIT).reason(),
          "authorization comes before argument validation");
    }
  }

  @Test
  void theTokenCookieIsRefusedFromAForeignOrigin() throws Exception {
    String host = uri("").getAuthority();
    Map<String, String> cookie = Map.of("Cookie", "token=" + token);
    try (WebSocketProbe p =
        WebSocketProbe.connect(
            uri("schema=blog"), with(cookie, "Origin", "https://evil.example"), List.of())) {
      var close = p.awaitClose(WAIT);
      assertEquals(4403, close.code());
      assertTrue(close.reason().contains("REALTIME_ALLOWED_ORIGINS"), close.reason());
    }
    for (Map<String, String> allowed :
        List.of(
            with(cookie, "Origin", "http://" + host),
            cookie,
            Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example"))) {
      try (WebSocketProbe p = WebSocketProbe.connect(uri("schema=blog"), allowed, List.of())) {
        assertNull(p.pollMessage(x -> false, Duration.ofMillis(300)));
        assertTrue(p.isOpen(), "same origin, no Origin, or a header token: " + allowed.keySet());
      }
    }
  }

  private static Map<String, String> with(Map<String, String> m, String key, String value) {
    var out = new java.util.HashMap<>(m);
    out.put(key, value);
    return out;
  }

  @Test
  void inactiveUserIsRefused() throws Exception {
    String jwt = userWithUserRole(false, Duration.ofHours(1));
    try (WebSocketProbe p = connectAs(jwt, "schema=blog")) {
      var close = p.awaitClose(WAIT);
      assertEquals(4403, close.code());
      assertEquals("[403] User is inactive", close.reason());
    }
  }

  @Test
  void revokingAPermissionClosesOpenConnectionsWithin2Seconds() throws Exception {
    String jwt = userWithUserRole(true, Duration.ofHours(1));
    String permission = UUID.randomUUID().toString();
    sql(
        "INSERT INTO permissions (id, role_id, resource, value) VALUES ("
            + uuidParam()
            + ", "
            + uuidParam()
            + ", ?, 'allow')",
        permission,
        services.seeded().userRoleId(),
        "api.realtime.content.tag.*");
    try (WebSocketProbe p = connectWhenAllowed(jwt, "schema=tag")) {
      String m = marker();
      sql("INSERT INTO tags (id, name) VALUES (" + newUuid() + ", ?)", m);
      awaitJson(p, "create", m);
      long revokedAt = System.nanoTime();
      sql("DELETE FROM permissions WHERE id = " + uuidParam(), permission);
      var close = p.awaitClose(WAIT);
      long tookMs = (System.nanoTime() - revokedAt) / 1_000_000;
      assertEquals(4403, close.code());
      System.out.println("access revocation: closed " + tookMs + " ms after the commit");
      assertTrue(tookMs < 2000, "closed " + tookMs + " ms after the revoking commit");
    } finally {
      sql("DELETE FROM permissions WHERE id = " + uuidParam(), permission);
    }
  }

  @Test
  void losingTheRoleClosesOpenConnections() throws Exception {
    String jwt = userWithUserRole(true, Duration.ofHours(1));
    String userId = TestTokens.payloadJson(jwt).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    String permission = UUID.randomUUID().toString();
    sql(
        "INSERT INTO permissions (id, role_id, resource, value) VALUES ("
            + uuidParam()
            + ", "
            + uuidParam()
            + ", ?, 'allow')",
        permission,
        services.seeded().userRoleId(),
        "api.realtime.content.category.*");
    try (WebSocketProbe p = connectWhenAllowed(jwt, "schema=category")) {
      sql("DELETE FROM roles_users WHERE users = " + uuidParam(), userId);
      assertEquals(4403, p.awaitClose(WAIT).code());
    } finally {
      sql("DELETE FROM permissions WHERE id = " + uuidParam(), permission);
    }
  }

  @Test
  void expiredTokenClosesTheConnectionWith4401() throws Exception {
    String jwt =
        TestTokens.rootUserBuilder(services)
            .expiresIn(Duration.ofSeconds(3))
            .signHs256(services.appKey());
    try (WebSocketProbe p = connectAs(jwt, "schema=blog")) {
      assertNull(poll(p, x -> false, Duration.ofMillis(500)));
      assertTrue(p.isOpen(), "valid at first");
      var close = p.awaitClose(Duration.ofSeconds(10));
      assertEquals(4401, close.code());
      assertEquals("[401] Unauthorized", close.reason());
    }
  }
}
