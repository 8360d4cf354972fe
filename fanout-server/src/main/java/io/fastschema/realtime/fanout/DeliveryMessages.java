package io.fastschema.realtime.fanout;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of one delivery, built lazily and once per distinct {@link SubscriptionView}: all
 * subscribers with the same filter and select get the same String instance. A view that admits no
 * row of the delivery gets no message (null).
 *
 * <p>Not thread-safe: one instance per dispatch, on the dispatching thread.
 */
final class DeliveryMessages {

  /** Marks "computed, and there is no message" in the caches. */
  private static final String NONE = new String("");

  private final Delivery delivery;
  private final MessageEncoder encoder;
  private final Map<SubscriptionView, String> whole = new HashMap<>(4);
  private final Map<SubscriptionView, String[]> singles = new HashMap<>(4);
  private final Map<SubscriptionView, String[]> rows = new HashMap<>(4);
  /** Messages with the delivery's cursor appended, keyed by the message without it. */
  private final Map<String, String> withCursor = new IdentityHashMap<>(4);

  DeliveryMessages(Delivery delivery, MessageEncoder encoder) {
    this.delivery = delivery;
    this.encoder = encoder;
  }

  /** The message for a schema-wide or per-operation subscriber, or null. */
  String whole(SubscriptionView view) {
    String m = whole.computeIfAbsent(view, this::buildWhole);
    return m == NONE ? null : m;
  }

  /** The message about the i-th row for a record-scoped subscriber, or null. */
  String single(SubscriptionView view, int i) {
    String[] cache = singles.computeIfAbsent(view, v -> new String[size()]);
    if (cache[i] == null) {
      String row = row(view, i);
      cache[i] = row == null ? NONE : encoder.single(op(), row);
    }
    return cache[i] == NONE ? null : cache[i];
  }

  Delivery delivery() {
    return delivery;
  }

  /**
   * The message for a subscriber that opted into resume: the same message with a last
   * {@code "cursor"} field. Built once per distinct message. Unchanged when the delivery has no
   * position (built outside a sequencer).
   */
  String resumable(String message) {
    String cursor = delivery.cursor();
    if (message == null || cursor == null) {
      return message;
    }
    return withCursor.computeIfAbsent(message, m -> new StringBuilder(m.length() + cursor.length()
        + 12).append(m, 0, m.length() - 1).append(",\"cursor\":\"").append(cursor).append("\"}")
        .toString());
  }

  private String buildWhole(SubscriptionView view) {
    List<String> admitted = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      String row = row(view, i);
      if (row != null) {
        admitted.add(row);
      }
    }
    if (admitted.isEmpty()) {
      return NONE;
    }
    return op() == Operation.CREATE ? encoder.single(op(), admitted.get(0))
        : encoder.array(op(), admitted);
  }

  /** The i-th row as the view shows it (JSON), or null when its filter does not admit it. */
  private String row(SubscriptionView view, int i) {
    String[] cache = rows.computeIfAbsent(view, v -> new String[size()]);
    if (cache[i] == null) {
      RecordEvent e = delivery.events().get(i);
      // Deletes are judged on the row as it was: FastSchema leaked them past every filter.
      var visible = e.visibleRow();
      cache[i] = view.admits(visible) ? encoder.rowJson(view.project(visible)) : NONE;
    }
    return cache[i] == NONE ? null : cache[i];
  }

  private int size() {
    return delivery.events().size();
  }

  private Operation op() {
    return delivery.op();
  }
}
