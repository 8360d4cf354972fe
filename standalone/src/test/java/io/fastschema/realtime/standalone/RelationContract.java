package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Relations in {@code select} and {@code filter} end to end (issue 11; spec 5.4, 5.6), on the
 * sample app: blog → category (o2m, FK {@code category_id} on blogs), blog ↔ tag (m2m through
 * {@code blogs_tags}). Includes the consistency rules of RELATIONS.md: a create sees its own
 * transaction's related rows, a delete sees them as they stood before its transaction (the junction
 * cascade), and a change of a related record alone sends blog subscribers nothing.
 */
abstract class RelationContract extends StackContract {

  /**
   * Loads the sample app's relation tables into the node once: a subscription that needs a table
   * not held yet joins after its load and misses changes committed meanwhile (SessionStarter), and
   * the tests below subscribe and write at once.
   */
  @org.junit.jupiter.api.BeforeAll
  void loadRelationTables() throws Exception {
    String m = marker();
    try (WebSocketProbe probe = subscribe("schema=blog&event=create&select=title,tags,category")) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      String seen = null;
      for (int i = 0; seen == null && System.nanoTime() < deadline; i++) {
        insertBlog(m + "-warm-" + i);
        seen = poll(probe, x -> x.contains(m + "-warm"), java.time.Duration.ofMillis(500));
      }
      assertTrue(seen != null, "relation tables not loaded within " + WAIT);
    }
  }

  /** A category, a blog in it and two tags on it, all in one transaction; returns the ids. */
  private Written writeBlogWithRelations(String m) throws SQLException {
    try (Connection c = services.appDb().connect()) {
      c.setAutoCommit(false);
      String category =
          one(
              c,
              "INSERT INTO categories (id, name, slug) VALUES (gen_random_uuid(), ?, ?) RETURNING"
                  + " id::text",
              m + "-cat",
              m + "-slug");
      long blog;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO blogs (title, views, published, status, meta, category_id) VALUES (?,"
                  + " 1, false, 'draft', '{}', ?::uuid) RETURNING id")) {
        ps.setString(1, m);
        ps.setString(2, category);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          blog = rs.getLong(1);
        }
      }
      List<String> tags = new ArrayList<>();
      for (String name : List.of(m + "-b", m + "-a")) {
        String tag =
            one(
                c,
                "INSERT INTO tags (id, name) VALUES (gen_random_uuid(), ?) RETURNING id::text",
                name);
        tags.add(tag);
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO blogs_tags (blogs, tags) VALUES (?, ?::uuid)")) {
          ps.setLong(1, blog);
          ps.setString(2, tag);
          ps.executeUpdate();
        }
      }
      c.commit();
      tags.sort(String::compareTo);
      return new Written(blog, category, tags);
    }
  }

  private record Written(long blog, String category, List<String> tags) {}

  private static String one(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void selectOfRelationsReturnsThemAsFastSchemaDoesWithTheirOwnTransactionsRows() throws Exception {
    String m = marker();
    try (WebSocketProbe probe = subscribe("schema=blog&event=create&select=title,tags,category")) {
      Written w = writeBlogWithRelations(m);
      JsonNode data = awaitJson(probe, "create", m).get("data");
      assertEquals(List.of("id", "title", "category_id", "tags", "category"), names(data));
      assertEquals(w.blog(), data.get("id").asLong());
      assertEquals(w.category(), data.get("category_id").asText());
      assertEquals(w.category(), data.get("category").get("id").asText());
      assertEquals(m + "-cat", data.get("category").get("name").asText());
      List<String> tagIds = new ArrayList<>();
      data.get("tags").forEach(t -> tagIds.add(t.get("id").asText()));
      assertEquals(w.tags(), tagIds, "both tags, written after the blog in its transaction");
      assertTrue(data.get("tags").get(0).has("name"), "whole tag records");
    }
  }

  @Test
  void dottedSelectLoadsTheNamedColumnsAndAnEmptyCollectionIsAnArray() throws Exception {
    String m = marker();
    try (WebSocketProbe probe =
        subscribe("schema=blog&event=create&select=" + q("title,category.name,tags.name"))) {
      Written w = writeBlogWithRelations(m);
      JsonNode data = awaitJson(probe, "create", m).get("data");
      assertEquals(List.of("id", "name"), names(data.get("category")));
      assertEquals(List.of("id", "name"), names(data.get("tags").get(0)));
      assertEquals(w.tags().size(), data.get("tags").size());
      long bare = insertBlog(m + "-bare");
      JsonNode lonely = awaitJson(probe, "create", m + "-bare").get("data");
      assertEquals(bare, lonely.get("id").asLong());
      assertEquals(0, lonely.get("tags").size(), "no tags: []");
      assertFalse(lonely.has("category"), "no category: absent");
    }
  }

  @Test
  void filterFollowsRelationsWithImplicitPrimaryKeyAndAntiJoin() throws Exception {
    String m = marker();
    try (WebSocketProbe byName =
            subscribe(
                "schema=blog&event=create&filter=" + q("{\"category.name\":\"" + m + "-cat\"}"));
        WebSocketProbe byTag =
            subscribe("schema=blog&event=create&filter=" + q("{\"tags.name\":\"" + m + "-a\"}"));
        WebSocketProbe withoutIt =
            subscribe(
                "schema=blog&event=create&filter="
                    + q("{\"tags.name\":{\"$neq\":\"" + m + "-a\"}}"))) {
      long bare = insertBlog(m + "-bare");
      Written w = writeBlogWithRelations(m);
      assertEquals(w.blog(), awaitJson(byName, "create", m).get("data").get("id").asLong());
      assertEquals(w.blog(), awaitJson(byTag, "create", m).get("data").get("id").asLong());
      assertEquals(bare, awaitJson(withoutIt, "create", m).get("data").get("id").asLong());
      assertNull(poll(byName, x -> x.contains(m + "-bare"), QUIET), "a blog without the category");
      assertNull(
          poll(withoutIt, x -> x.contains("\"title\":\"" + m + "\""), QUIET),
          "$neq is an anti-join: the blog that has the tag is left out");
    }
    // The implicit primary key ({"tags": id}) needs the tag's id before subscribing.
    String m2 = marker();
    Written w2 = writeBlogWithRelations(m2);
    try (WebSocketProbe byId =
        subscribe(
            "schema=blog&event=update&filter="
                + q("{\"tags\":{\"$in\":[\"" + w2.tags().get(0) + "\"]}}"))) {
      sql("UPDATE blogs SET views = 7 WHERE id = ?", w2.blog());
      assertEquals(
          List.of(w2.blog()), ids(awaitJson(byId, "update", m2).get("data")), "tags ≡ tags.id");
    }
  }

  @Test
  void aDeleteIsJudgedAndShownWithItsRelationsFromBeforeItsCascade() throws Exception {
    String m = marker();
    Written w = writeBlogWithRelations(m);
    try (WebSocketProbe probe =
        subscribe(
            "schema=blog&event=delete&select=title,tags&filter="
                + q("{\"tags.name\":\"" + m + "-a\"}"))) {
      // ON DELETE CASCADE removes the blog's junction rows in the delete's own transaction.
      sql("DELETE FROM blogs WHERE id = ?", w.blog());
      JsonNode data = awaitJson(probe, "delete", m).get("data").get(0);
      assertEquals(w.blog(), data.get("id").asLong());
      assertEquals(2, data.get("tags").size(), "the tags as they were before the delete");
    }
  }

  @Test
  void aChangeOfARelatedRecordAloneSendsBlogSubscribersNothing() throws Exception {
    String m = marker();
    Written w = writeBlogWithRelations(m);
    try (WebSocketProbe probe = subscribe("schema=blog&event=update&select=title,category")) {
      sql("UPDATE categories SET name = ? WHERE id = ?::uuid", m + "-renamed", w.category());
      assertNull(
          poll(probe, x -> x.contains(m), QUIET), "only category subscribers hear of the rename");
      sql("UPDATE blogs SET views = 9 WHERE id = ?", w.blog());
      JsonNode update = awaitJson(probe, "update", m).get("data").get(0);
      assertEquals(
          m + "-renamed",
          update.get("category").get("name").asText(),
          "the next blog event shows the renamed category");
    }
  }

  @Test
  void badRelationPathsCloseWith4400AndFastSchemasTexts() throws Exception {
    try (WebSocketProbe p = subscribe("schema=blog&select=" + q("title,tags.nope"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("column tag.nope not found"), close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=blog&select=" + q("title,.tags"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("invalid column name \".tags\""), close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=blog&filter=" + q("{\"nope.name\":\"x\"}"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("field 'nope'"), close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=blog&filter=" + q("{\"tags.\":\"x\"}"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("tags. is not a valid relation field"), close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=blog&filter=" + q("{\"title.name\":\"x\"}"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("title.name is not a relation field"), close.reason());
    }
  }

  @Test
  void pastItsRelationStateBoundANodeRefusesSubscriptionsThatNeedMoreTables() throws Exception {
    String m = marker();
    // ~5,000 tags: well over 1 MiB of held rows by the store's estimate.
    sql(
        "INSERT INTO tags (id, name) SELECT gen_random_uuid(), '"
            + m
            + "-' || g FROM generate_series(1, 5000) g");
    try (var node = startNode(Map.of("REALTIME_RELATION_STATE_MAX_MB", "1"))) {
      String base = "ws://127.0.0.1:" + node.port() + "/api/realtime/content?";
      Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
      try (WebSocketProbe tags =
          WebSocketProbe.connect(
              java.net.URI.create(base + "schema=blog&event=create&select=title,tags"),
              auth,
              List.of())) {
        long id = insertBlog(m);
        assertEquals(id, awaitJson(tags, "create", m).get("data").get("id").asLong());
        try (WebSocketProbe more =
            WebSocketProbe.connect(
                java.net.URI.create(base + "schema=blog&select=title,category"), auth, List.of())) {
          var close = more.awaitClose(WAIT);
          assertEquals(4400, close.code());
          assertTrue(close.reason().contains("REALTIME_RELATION_STATE_MAX_MB"), close.reason());
        }
        long next = insertBlog(m + "-next");
        assertEquals(
            next,
            awaitJson(tags, "create", m + "-next").get("data").get("id").asLong(),
            "the loaded tables keep serving");
      }
    } finally {
      sql("DELETE FROM tags WHERE name LIKE ?", m + "-%");
    }
  }
}
