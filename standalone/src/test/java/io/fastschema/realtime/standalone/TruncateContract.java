package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.testing.TestTokens;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A TRUNCATE of an access-control table or of a table relations reach, end to end: ingest deletes
 * the truncated rows from {@code <prefix>._security} and the relation state topic, so a running
 * fanout node and one started afterwards both stop using them, and rows written after the TRUNCATE
 * count. The tables are the shared sample app's: each test puts back the rows it truncated.
 */
abstract class TruncateContract extends StackContract {

  @Test
  void truncatingRolesUsersRevokesTheAccessItGaveOnRunningAndNewNodes() throws Exception {
    List<String[]> memberships = rows("SELECT roles::text, users::text FROM roles_users");
    String user = UUID.randomUUID().toString();
    sql(
        "INSERT INTO users (id, username, email, active) VALUES (?::uuid, ?, ?, true)",
        user,
        "t" + user.substring(0, 8),
        user.substring(0, 8) + "@example.com");
    String userRole = services.seeded().userRoleId();
    sql("INSERT INTO roles_users (roles, users) VALUES (?::uuid, ?::uuid)", userRole, user);
    String permission = UUID.randomUUID().toString();
    sql(
        "INSERT INTO permissions (id, role_id, resource, value) VALUES (?::uuid, ?::uuid, ?,"
            + " 'allow')",
        permission,
        userRole,
        "api.realtime.content.category.*");
    String jwt =
        TestTokens.builder()
            .user(user)
            .active(true)
            .roleIds(userRole)
            .expiresIn(Duration.ofHours(1))
            .signHs256(services.appKey());
    boolean restored = false;
    try (WebSocketProbe open = connectWhenAllowed(pipeline.port(), jwt)) {
      sql("TRUNCATE roles_users");
      assertEquals(4403, open.awaitClose(WAIT).code(), "the running node revokes");
      try (FanoutServer later = startNode(Map.of())) {
        try (WebSocketProbe refused = connect(later.port(), jwt)) {
          assertEquals(4403, refused.awaitClose(WAIT).code(), "a node started afterwards refuses");
        }
        restoreMemberships(memberships);
        restored = true;
        sql("INSERT INTO roles_users (roles, users) VALUES (?::uuid, ?::uuid)", userRole, user);
        for (int port : new int[] {pipeline.port(), later.port()}) {
          connectWhenAllowed(port, jwt).close(); // a membership written after the TRUNCATE grants
        }
      }
    } finally {
      if (!restored) {
        restoreMemberships(memberships);
      }
      sql("DELETE FROM permissions WHERE id = ?::uuid", permission);
      sql("DELETE FROM roles_users WHERE users = ?::uuid", user);
    }
  }

  @Test
  void truncatingAJunctionTableEmptiesTheRelationOnRunningAndNewNodes() throws Exception {
    List<String[]> links = rows("SELECT blogs::text, tags::text FROM blogs_tags");
    String m = marker();
    long blog = insertBlog(m);
    String tag = UUID.randomUUID().toString();
    sql("INSERT INTO tags (id, name) VALUES (?::uuid, ?)", tag, m + "-tag");
    sql("INSERT INTO blogs_tags (blogs, tags) VALUES (?, ?::uuid)", blog, tag);
    String query = "schema=blog&event=update&select=title,tags";
    boolean restored = false;
    try (WebSocketProbe running = subscribe(query)) {
      assertEquals(List.of(tag), tagsOnNextUpdate(running, blog, m), "before the TRUNCATE");
      sql("TRUNCATE blogs_tags");
      assertEquals(List.of(), tagsOnNextUpdate(running, blog, m), "the running node");
      try (FanoutServer later = startNode(Map.of());
          WebSocketProbe fresh = subscribeOn(later.port(), query)) {
        assertEquals(List.of(), tagsOnNextUpdate(fresh, blog, m), "a node started afterwards");
        restoreLinks(links);
        restored = true;
        sql("INSERT INTO blogs_tags (blogs, tags) VALUES (?, ?::uuid)", blog, tag);
        assertEquals(List.of(tag), tagsOnNextUpdate(fresh, blog, m), "a link written after");
        assertEquals(List.of(tag), tagsOnNextUpdate(running, blog, m), "a link written after");
      }
    } finally {
      if (!restored) {
        restoreLinks(links);
      }
      sql("DELETE FROM blogs WHERE id = ?", blog);
      sql("DELETE FROM tags WHERE id = ?::uuid", tag);
    }
  }

  /**
   * Updates the blog until the probe gets its update (a node loads a relation table for the first
   * subscription that needs it, and such a subscription misses changes until then); its tag ids.
   */
  private List<String> tagsOnNextUpdate(WebSocketProbe probe, long blog, String m)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String title = m + "-" + UUID.randomUUID().toString().substring(0, 6);
      sql("UPDATE blogs SET title = ? WHERE id = ?", title, blog);
      String got = poll(probe, x -> x.contains(title), Duration.ofMillis(700));
      if (got != null) {
        List<String> tags = new ArrayList<>();
        JsonNode updated = json.readTree(got).get("data").get(0); // update data is an array
        updated.get("tags").forEach(t -> tags.add(t.get("id").asText()));
        return tags;
      }
    }
    throw new AssertionError("no update of blog " + blog + " within " + WAIT);
  }

  private WebSocketProbe subscribeOn(int port, String query) {
    return WebSocketProbe.connect(
        URI.create("ws://127.0.0.1:" + port + "/api/realtime/content?" + query),
        Map.of("Authorization", "Bearer " + token),
        List.of());
  }

  private static WebSocketProbe connect(int port, String jwt) {
    return WebSocketProbe.connect(
        URI.create("ws://127.0.0.1:" + port + "/api/realtime/content?schema=category"),
        Map.of("Authorization", "Bearer " + jwt),
        List.of());
  }

  private static WebSocketProbe connectWhenAllowed(int port, String jwt) {
    return connectWhenAllowed(
        URI.create("ws://127.0.0.1:" + port + "/api/realtime/content?schema=category"), jwt);
  }

  private List<String[]> rows(String query) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = services.appDb().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return out;
  }

  /** Puts back the sample app's memberships that are missing. */
  private void restoreMemberships(List<String[]> saved) throws SQLException {
    for (String[] row : saved) {
      sql(
          "INSERT INTO roles_users (roles, users) SELECT ?::uuid, ?::uuid WHERE NOT EXISTS"
              + " (SELECT 1 FROM roles_users WHERE roles = ?::uuid AND users = ?::uuid)",
          row[0],
          row[1],
          row[0],
          row[1]);
    }
  }

  /** Puts back the sample app's blog tags that are missing. */
  private void restoreLinks(List<String[]> saved) throws SQLException {
    for (String[] row : saved) {
      long blog = Long.parseLong(row[0]);
      sql(
          "INSERT INTO blogs_tags (blogs, tags) SELECT ?, ?::uuid WHERE NOT EXISTS"
              + " (SELECT 1 FROM blogs_tags WHERE blogs = ? AND tags = ?::uuid)",
          blog,
          row[1],
          blog,
          row[1]);
    }
  }
}
