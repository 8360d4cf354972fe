package io.fastschema.realtime.fanout;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.util.List;

/**
 * What becomes one FastSchema message for a schema-wide subscriber: one created record, or the
 * rows of one group (one statement's updates or deletes in one transaction).
 *
 * @param events in transaction order, all of one schema and operation
 */
public record Delivery(String schema, Operation op, List<RecordEvent> events) {

  public Delivery {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs at least one event");
    }
    events = List.copyOf(events);
  }

  public static Delivery of(RecordEvent single) {
    return new Delivery(single.schema(), single.op(), List.of(single));
  }
}
