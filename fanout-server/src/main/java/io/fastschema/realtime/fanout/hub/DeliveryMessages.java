package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.ClientNulls;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.fanout.relations.RelationStore;
import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.filter.RelatedRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of one delivery, built lazily. Each view's filter is evaluated once per row; each
 * row is encoded once per distinct {@code select}; and views that admit the same rows with the same
 * {@code select} get the same String instance, whatever their filters: the payload of a message
 * depends only on the rows and the columns, so 10,000 per-user filters over 4 select lists cost 4
 * encodings. A view that admits no row of the delivery gets no message (null).
 *
 * <p>Not thread-safe: one instance per dispatch, on the dispatching thread.
 */
final class DeliveryMessages {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DeliveryMessages.class);

  /** First element of the cache key of a relation select's payload (no column has this name). */
  private static final String RELATION_SELECT = "\u0000relations";

  /** Marks "computed, and there is no message" in the caches. */
  private static final String NONE = new String("");

  /** Rows of a delivery that {@link WholeKey} can describe; larger groups are cached per view. */
  private static final int MASK_ROWS = Long.SIZE;

  private static final byte UNKNOWN = 0;
  private static final byte ADMITTED = 1;
  private static final byte REJECTED = 2;

  /** The rows of one delivery and the columns shown, as a cache key of their whole message. */
  private record WholeKey(List<String> columns, long admittedRows) {}

  private final Delivery delivery;
  private final MessageEncoder encoder;

  /**
   * FastSchema's values for NULL uint and uuid columns: the filter saw NULL, the client sees these.
   */
  private final ClientNulls nulls;

  /** Per view: whether its filter admits row i ({@link #UNKNOWN} until evaluated). */
  private final Map<SubscriptionView, byte[]> admitted = new HashMap<>(4);

  /** Per view: its schema-wide message, or {@link #NONE}. */
  private final Map<SubscriptionView, String> whole = new HashMap<>(4);

  /** Per columns and admitted rows: the schema-wide message shared by views showing them. */
  private final Map<WholeKey, String> wholeBySelect = new HashMap<>(4);

  /** Per columns shown (a select's resolved columns): row i projected and encoded as JSON. */
  private final Map<List<String>, String[]> rowJson = new HashMap<>(4);

  /** Per columns shown: the record-scoped message about row i. */
  private final Map<List<String>, String[]> singles = new HashMap<>(4);

  /**
   * Per binding (user and subscription): messages with its cursor appended, keyed by the message
   * without it.
   */
  private final Map<CursorBinding, Map<String, String>> withCursor = new HashMap<>(4);

  /** Relation state, for views that read related records; null on a node without it. */
  private final RelationStore relations;

  DeliveryMessages(Delivery delivery, MessageEncoder encoder) {
    this(delivery, encoder, null);
  }

  DeliveryMessages(Delivery delivery, MessageEncoder encoder, RelationStore relations) {
    this.delivery = delivery;
    this.encoder = encoder;
    this.nulls = encoder.nullsOf(delivery.schema());
    this.relations = relations;
  }

  /** The message for a schema-wide or per-operation subscriber, or null. */
  String whole(SubscriptionView view) {
    String m = whole.get(view);
    if (m == null) {
      m = buildWhole(view);
      whole.put(view, m);
    }
    return m == NONE ? null : m;
  }

  /** The message about the i-th row for a record-scoped subscriber, or null. */
  String single(SubscriptionView view, int i) {
    if (!admits(view, i)) {
      return null;
    }
    String[] cache = singles.get(columns(view));
    if (cache == null) {
      cache = new String[size()];
      singles.put(columns(view), cache);
    }
    if (cache[i] == null) {
      cache[i] = encoder.single(op(), rowJson(view, i));
    }
    return cache[i];
  }

  Delivery delivery() {
    return delivery;
  }

  /**
   * The message for a subscriber that opted into resume: the same message with a last {@code
   * "cursor"} field, the cursor written for the subscriber's binding. Built once per distinct
   * message and binding (one tag each). Unchanged when the delivery has no position (built outside
   * a sequencer).
   */
  String resumable(String message, CursorBinding binding) {
    if (message == null || delivery.position() == null) {
      return message;
    }
    Map<String, String> forBinding =
        withCursor.computeIfAbsent(binding, b -> new IdentityHashMap<>(2));
    return forBinding.computeIfAbsent(
        message,
        m -> {
          String cursor = delivery.cursor(binding);
          return new StringBuilder(m.length() + cursor.length() + 12)
              .append(m, 0, m.length() - 1)
              .append(",\"cursor\":\"")
              .append(cursor)
              .append("\"}")
              .toString();
        });
  }

  private String buildWhole(SubscriptionView view) {
    if (size() > MASK_ROWS) {
      return encodeWhole(view);
    }
    long mask = 0;
    for (int i = 0; i < size(); i++) {
      if (admits(view, i)) {
        mask |= 1L << i;
      }
    }
    if (mask == 0) {
      return NONE;
    }
    WholeKey key = new WholeKey(columns(view), mask);
    String m = wholeBySelect.get(key);
    if (m == null) {
      m = encodeWhole(view);
      wholeBySelect.put(key, m);
    }
    return m;
  }

  private String encodeWhole(SubscriptionView view) {
    List<String> rows = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      if (admits(view, i)) {
        rows.add(rowJson(view, i));
      }
    }
    if (rows.isEmpty()) {
      return NONE;
    }
    return op() == Operation.CREATE ? encoder.single(op(), rows.get(0)) : encoder.array(op(), rows);
  }

  /** Whether the view's filter admits the i-th row, evaluated once per view and row. */
  private boolean admits(SubscriptionView view, int i) {
    byte[] cache = admitted.get(view);
    if (cache == null) {
      cache = new byte[size()];
      admitted.put(view, cache);
    }
    if (cache[i] == UNKNOWN) {
      // Deletes are judged on the row as it was: FastSchema leaked them past every filter.
      cache[i] = admitsRow(view, i) ? ADMITTED : REJECTED;
    }
    return cache[i] == ADMITTED;
  }

  private boolean admitsRow(SubscriptionView view, int i) {
    if (!view.readsRelations()) {
      return view.admits(visibleRow(i));
    }
    if (relations == null || !relations.tracksAll(view.relationTables())) {
      // Cannot happen for a session started by SessionStarter (it joins once they are loaded);
      // refusing the row keeps the consumer thread and every other view going.
      LOG.warn("{} reads relation state not held on this node; row not sent", view);
      return false;
    }
    return view.admits(visibleRow(i), related(i));
  }

  /**
   * The columns a view shows, in order; empty for all. This, not the select text, decides the
   * payload: {@code title} and {@code id,title} resolve alike, and a select text resolved against a
   * reloaded schema may not.
   */
  private static List<String> columns(SubscriptionView view) {
    if (view.relationSelect() != null) {
      // Related records make the payload: views share it only with the same select text.
      return List.of(RELATION_SELECT, view.selectText());
    }
    return view.projection() == null ? List.of() : view.projection().columns();
  }

  /**
   * The records related to the i-th row as its event's consistency rule has them (RELATIONS.md): a
   * create or update sees the state read so far (at least its own transaction); a delete sees the
   * state from before its transaction, so that a cascade in it does not empty its relations.
   */
  private RelatedRows related(int i) {
    if (relations == null) {
      throw new IllegalStateException(
          "a subscription reads relations but this node keeps no relation state");
    }
    RecordEvent event = delivery.events().get(i);
    return event.op() == Operation.DELETE
        ? relations.before(event.source().prevCommitLsn())
        : relations.current();
  }

  /** The i-th row as the view's select shows it, as JSON; once per columns shown and row. */
  private String rowJson(SubscriptionView view, int i) {
    String[] cache = rowJson.get(columns(view));
    if (cache == null) {
      cache = new String[size()];
      rowJson.put(columns(view), cache);
    }
    if (cache[i] == null) {
      ObjectNode shown =
          view.relationSelect() != null
              ? view.relationSelect()
                  .apply(
                      visibleRow(i),
                      related(i),
                      (schema, record) -> encoder.nullsOf(schema.name()).apply(record))
              : view.project(visibleRow(i));
      cache[i] = encoder.rowJson(nulls.apply(shown));
    }
    return cache[i];
  }

  private ObjectNode visibleRow(int i) {
    return delivery.events().get(i).visibleRow();
  }

  private int size() {
    return delivery.events().size();
  }

  private Operation op() {
    return delivery.op();
  }
}
