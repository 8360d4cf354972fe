package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.util.List;

/**
 * What becomes one FastSchema message for a schema-wide subscriber: one created record, or the rows
 * of one group (one statement's updates or deletes in one transaction).
 *
 * @param events in transaction order, all of one schema and operation
 * @param position where the reader stands once this delivery is made: its resume cursor; null when
 *     built outside a {@link TopicSequencer} (tests)
 * @param partitions the Kafka partition of each event, or null with {@code position}
 * @param offsets the Kafka offset of each event, or null with {@code position}
 */
public record Delivery(
    String schema,
    Operation op,
    List<RecordEvent> events,
    StreamPosition position,
    int[] partitions,
    long[] offsets) {

  public Delivery {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs at least one event");
    }
    events = List.copyOf(events);
    if ((partitions == null) != (offsets == null)
        || (offsets != null
            && (offsets.length != events.size() || partitions.length != events.size()))) {
      throw new IllegalArgumentException(
          "partitions and offsets must both be given, one per event");
    }
  }

  /** A delivery that does not know where it was read (no resume cursor). */
  public Delivery(String schema, Operation op, List<RecordEvent> events) {
    this(schema, op, events, null, null, null);
  }

  public static Delivery of(RecordEvent single) {
    return new Delivery(single.schema(), single.op(), List.of(single));
  }

  /**
   * Whether every record of this delivery lies below {@code position}, i.e. a reader that reached
   * it has delivered this already. False when this delivery does not say where it came from.
   */
  public boolean liesBelow(StreamPosition position) {
    if (offsets == null) {
      return false;
    }
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] >= position.offset(partitions[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The resume cursor after this delivery for the client {@code binding} names, or null when its
   * position is unknown.
   */
  public String cursor(CursorBinding binding) {
    return position == null ? null : position.cursor(binding);
  }
}
