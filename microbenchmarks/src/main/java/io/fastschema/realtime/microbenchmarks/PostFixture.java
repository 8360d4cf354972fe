package io.fastschema.realtime.microbenchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import io.fastschema.realtime.fanout.hub.Subscription;
import io.fastschema.realtime.fanout.hub.SubscriptionView;
import io.fastschema.realtime.filter.FilterException;
import io.fastschema.realtime.filter.Projection;
import io.fastschema.realtime.filter.ProjectionException;
import io.fastschema.realtime.filter.RowFilter;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.util.Map;

/**
 * A FastSchema {@code post} schema with a field of each commonly filtered type, rows of it, and
 * subscriptions built the way the handshake builds them (compiled filter and select).
 */
final class PostFixture {

  static final Schema POST = load();

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PostFixture() {}

  private static Schema load() {
    try {
      return SchemaCatalog.fromJson(
              Map.of(
                  "post.json",
                  """
          { "name": "post", "namespace": "posts", "label_field": "title",
            "fields": [
              { "name": "id", "type": "uint64",
                "db": { "attr": "UNSIGNED", "key": "PRI", "increment": true } },
              { "name": "title", "type": "string" },
              { "name": "status", "type": "enum", "enums": [
                  { "value": "draft", "label": "Draft" },
                  { "value": "published", "label": "Published" } ] },
              { "name": "owner", "type": "int64" },
              { "name": "views", "type": "int" },
              { "name": "score", "type": "float64" },
              { "name": "body", "type": "text" },
              { "name": "published_at", "type": "time", "optional": true }
            ] }
          """))
          .schema("post")
          .orElseThrow();
    } catch (SchemaLoadException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * A post row in FastSchema's JSON encoding (about 250 bytes of JSON); a published post is titled
   * "Post number &lt;id&gt;", a draft "Draft &lt;id&gt;".
   */
  static ObjectNode row(long id, long owner, int views, String status) {
    String title = status.equals("published") ? "Post number " + id : "Draft " + id;
    return JSON.objectNode()
        .put("id", id)
        .put("title", title)
        .put("status", status)
        .put("owner", owner)
        .put("views", views)
        .put("score", views / 10.0)
        .put(
            "body",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
                + " tempor incididunt ut labore et dolore magna aliqua "
                + id)
        .put("published_at", "2024-05-01T10:00:00Z");
  }

  /** An update of one post, alone in its transaction (before and after given). */
  static RecordEvent update(ObjectNode before, ObjectNode after) {
    long id = after.get("id").asLong();
    return new RecordEvent(
        RecordEvent.idOf(1, 100 + id),
        "post",
        "posts",
        Operation.UPDATE,
        JSON.objectNode().put("id", id),
        before,
        after,
        new TransactionPosition("tx-" + id, 1, 1, true),
        new SourcePosition(100 + id, 1, 1_700_000_000_000L, 1_700_000_000_001L));
  }

  static RowFilter filter(String json) {
    try {
      return RowFilter.parse(json, POST);
    } catch (FilterException e) {
      throw new IllegalArgumentException("bad benchmark filter " + json + ": " + e.getMessage(), e);
    }
  }

  /** A view as the handshake builds it; empty texts mean "no filter" / "every column". */
  static SubscriptionView view(String filterText, String selectText) {
    try {
      return new SubscriptionView(
          filterText,
          selectText,
          filterText.isEmpty() ? null : filter(filterText),
          selectText.isEmpty() ? null : Projection.parse(selectText, POST));
    } catch (ProjectionException e) {
      throw new IllegalArgumentException("bad benchmark select " + selectText, e);
    }
  }

  /** A schema-wide ({@code event=*}) subscription of a guest with this view. */
  static Subscription subscription(SubscriptionView view) {
    return new Subscription(POST, null, null, null, "api.realtime.content.post.*", view);
  }
}
