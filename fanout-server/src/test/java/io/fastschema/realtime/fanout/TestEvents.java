package io.fastschema.realtime.fanout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import java.util.ArrayList;
import java.util.List;

/** Builds real {@link RecordEvent}s of the {@code post} schema (table {@code posts}). */
public final class TestEvents {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TestEvents() {}

  /** A post row {@code {"id":<id>,"title":<title>}}. */
  public static ObjectNode post(long id, String title) {
    return JSON.objectNode().put("id", id).put("title", title);
  }

  /** A create of post {@code id}, alone in its transaction. */
  public static RecordEvent create(long id, String title) {
    return event(
        "post",
        "posts",
        Operation.CREATE,
        JSON.objectNode().put("id", id),
        post(id, title),
        new TransactionPosition("tx-c" + id, 1, 1, true));
  }

  /** An update of post {@code id} to {@code title}, at a given place in a transaction. */
  public static RecordEvent update(long id, String title, TransactionPosition txn) {
    return event(
        "post", "posts", Operation.UPDATE, JSON.objectNode().put("id", id), post(id, title), txn);
  }

  /** A delete of post {@code id} whose before-image has {@code title}. */
  public static RecordEvent delete(long id, String title, TransactionPosition txn) {
    ObjectNode row = post(id, title);
    return new RecordEvent(
        RecordEvent.idOf(1, 100 + txn.order()),
        "post",
        "posts",
        Operation.DELETE,
        JSON.objectNode().put("id", id),
        row,
        null,
        txn,
        source(txn));
  }

  /**
   * One group of {@code op} events on posts {@code ids} (in that transaction order), as ingest
   * marks them: orders {@code start..start+n-1}, the last one {@code lastInGroup}.
   */
  public static List<RecordEvent> group(Operation op, String txId, long start, long... ids) {
    List<RecordEvent> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      var txn = new TransactionPosition(txId, start + i, start, i == ids.length - 1);
      String title = "t" + ids[i];
      out.add(op == Operation.DELETE ? delete(ids[i], title, txn) : update(ids[i], title, txn));
    }
    return out;
  }

  /** An event with an arbitrary key object, e.g. a uuid or string key of another schema. */
  public static RecordEvent event(
      String schema,
      String table,
      Operation op,
      ObjectNode key,
      ObjectNode row,
      TransactionPosition txn) {
    ObjectNode before = op == Operation.CREATE ? null : row;
    ObjectNode after = op == Operation.DELETE ? null : row;
    return new RecordEvent(
        RecordEvent.idOf(1, 100 + txn.order()),
        schema,
        table,
        op,
        key,
        before,
        after,
        txn,
        source(txn));
  }

  private static SourcePosition source(TransactionPosition txn) {
    return new SourcePosition(100 + txn.order(), 1, 1_700_000_000_000L, 1_700_000_000_001L);
  }
}
