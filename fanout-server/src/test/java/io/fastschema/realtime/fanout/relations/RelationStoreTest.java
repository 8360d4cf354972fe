package io.fastschema.realtime.fanout.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.filter.RelatedRows;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The store's joins (FK side, collection side, m2m), its history for deletes (a cascade in the
 * delete's own transaction does not empty the relations), tombstones and expiry, on the sample
 * app's schemas: blog → category (FK category_id), blog ↔ tag (blogs_tags).
 */
class RelationStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WINDOW = 1_000_000_000L;
  private static final SchemaCatalog CATALOG = sampleCatalog();

  private final RelationStore store = new RelationStore(CATALOG::schema, WINDOW);
  private long now = 10 * WINDOW;

  private static SchemaCatalog sampleCatalog() {
    Map<String, String> files = new TreeMap<>();
    for (String name : List.of("blog", "category", "tag")) {
      String path = "/io/fastschema/realtime/embedded/sample-app/schemas/" + name + ".json";
      try (InputStream in = RelationStoreTest.class.getResourceAsStream(path)) {
        files.put(name + ".json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException | NullPointerException e) {
        throw new AssertionError("sample schema " + path + " not on the classpath", e);
      }
    }
    try {
      return SchemaCatalog.fromJson(files);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode row(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private void put(String table, String op, String rowJson, long position, String... keyColumns) {
    ObjectNode row = row(rowJson);
    ObjectNode key = StateRecordCodec.keyOf(row, List.of(keyColumns));
    store.apply(
        table,
        StateRecordCodec.keyText(key),
        new StateRecord(table, key, op, row, null, position, 0),
        now);
  }

  private void trackAll() {
    for (String table : List.of("blogs", "categories", "tags", "blogs_tags")) {
      store.install(store.startLoad(table));
    }
  }

  private static Schema schema(String name) {
    return CATALOG.schema(name).orElseThrow();
  }

  private static Field field(String schema, String name) {
    return schema(schema).field(name).orElseThrow();
  }

  private static List<String> ids(List<ObjectNode> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get("id").asText()));
    return out;
  }

  @Test
  void joinsTheFkSideTheCollectionSideAndM2mInPrimaryKeyOrder() {
    trackAll();
    put("categories", "snapshot", "{\"id\":\"c1\",\"name\":\"eng\"}", 0, "id");
    put("blogs", "snapshot", "{\"id\":10,\"category_id\":\"c1\"}", 0, "id");
    put("blogs", "snapshot", "{\"id\":9,\"category_id\":\"c1\"}", 0, "id");
    put("tags", "snapshot", "{\"id\":\"tb\",\"name\":\"b\"}", 0, "id");
    put("tags", "snapshot", "{\"id\":\"ta\",\"name\":\"a\"}", 0, "id");
    put("blogs_tags", "create", "{\"blogs\":10,\"tags\":\"tb\"}", 5, "blogs", "tags");
    put("blogs_tags", "create", "{\"blogs\":10,\"tags\":\"ta\"}", 5, "blogs", "tags");
    RelatedRows now = store.current();
    ObjectNode blog = row("{\"id\":10,\"category_id\":\"c1\"}");
    assertEquals(List.of("c1"), ids(now.related(schema("blog"), field("blog", "category"), blog)));
    assertEquals(
        List.of("ta", "tb"), ids(now.related(schema("blog"), field("blog", "tags"), blog)));
    assertEquals(
        List.of("9", "10"),
        ids(now.related(schema("category"), field("category", "posts"), row("{\"id\":\"c1\"}"))),
        "numeric keys in numeric order");
    assertEquals(
        List.of(),
        ids(now.related(schema("blog"), field("blog", "category"), row("{\"id\":11}"))),
        "a NULL FK joins nothing");
  }

  @Test
  void aDeleteSeesTheRowsAsTheyStoodBeforeItsTransaction() {
    trackAll();
    put("tags", "snapshot", "{\"id\":\"ta\",\"name\":\"a\"}", 0, "id");
    put("blogs_tags", "create", "{\"blogs\":10,\"tags\":\"ta\"}", 100, "blogs", "tags");
    put("tags", "update", "{\"id\":\"ta\",\"name\":\"renamed\"}", 150, "id");
    // Transaction 200 deletes the blog; the cascade deletes its junction row in it.
    put("blogs_tags", "delete", "{\"blogs\":10,\"tags\":\"ta\"}", 200, "blogs", "tags");
    ObjectNode blog = row("{\"id\":10}");
    List<ObjectNode> before =
        store.before(200).related(schema("blog"), field("blog", "tags"), blog);
    assertEquals(List.of("ta"), ids(before));
    assertEquals("renamed", before.get(0).get("name").asText(), "changes before it stay seen");
    assertEquals(List.of(), store.current().related(schema("blog"), field("blog", "tags"), blog));
    assertEquals(
        List.of(),
        store.before(100).related(schema("blog"), field("blog", "tags"), blog),
        "before the link existed");
  }

  @Test
  void aMovedRowLeavesTheOldParentAndHistoryEndsWithTheWindow() {
    trackAll();
    put("categories", "snapshot", "{\"id\":\"c1\"}", 0, "id");
    put("categories", "snapshot", "{\"id\":\"c2\"}", 0, "id");
    put("blogs", "create", "{\"id\":1,\"category_id\":\"c1\"}", 10, "id");
    ObjectNode c1 = row("{\"id\":\"c1\"}");
    ObjectNode c2 = row("{\"id\":\"c2\"}");
    Field posts = field("category", "posts");
    assertEquals(List.of("1"), ids(store.current().related(schema("category"), posts, c1)));
    put("blogs", "update", "{\"id\":1,\"category_id\":\"c2\"}", 20, "id");
    assertEquals(List.of(), ids(store.current().related(schema("category"), posts, c1)));
    assertEquals(List.of("1"), ids(store.current().related(schema("category"), posts, c2)));
    assertEquals(
        List.of("1"),
        ids(store.before(20).related(schema("category"), posts, c1)),
        "within the window the old parent still had it");
    now += 2 * WINDOW;
    put("blogs", "update", "{\"id\":1,\"category_id\":\"c2\",\"title\":\"x\"}", 30, "id");
    assertEquals(
        List.of(),
        ids(store.before(20).related(schema("category"), posts, c1)),
        "past the window the superseded version is gone");
  }

  @Test
  void tombstonesDeleteAndDeletedRowsAreForgottenAfterTheWindow() {
    trackAll();
    put("tags", "snapshot", "{\"id\":\"ta\",\"name\":\"a\"}", 0, "id");
    assertEquals(1, store.rows());
    ObjectNode key = row("{\"id\":\"ta\"}");
    store.apply("tags", StateRecordCodec.keyText(key), null, now);
    ObjectNode link = row("{\"blogs\":10,\"tags\":\"ta\"}");
    put("blogs_tags", "create", link.toString(), 5, "blogs", "tags");
    assertEquals(
        List.of(),
        store.current().related(schema("blog"), field("blog", "tags"), row("{\"id\":10}")),
        "a link to a deleted tag shows nothing");
    store.expire(now + 2 * WINDOW);
    assertEquals(1, store.rows(), "only the link is left");
    assertTrue(store.bytes() > 0);
  }

  @Test
  void aTableThatIsNotLoadedIsAnErrorNotAnEmptyRelation() {
    store.install(store.startLoad("blogs"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                store.current().related(schema("blog"), field("blog", "tags"), row("{\"id\":1}")));
    assertTrue(e.getMessage().contains("tags"), e.getMessage());
  }
}
