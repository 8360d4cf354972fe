package io.fastschema.realtime.benchmarks.baseline;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.model.Schema;

/**
 * One connection's subscription as FastSchema keeps it: the single topic it sits in ({@code
 * content.<schema>[.<event>][.<id>]}, {@code content.go:260-272}) and its re-query.
 *
 * @param schema the subscribed schema
 * @param op the event, or null for {@code *}
 * @param id the handshake's {@code id}, 0 when absent (FastSchema's "no id")
 * @param requery this client's SELECT
 */
record BaselineSubscription(Schema schema, Operation op, long id, Requery requery) {

  String topic() {
    return "content."
        + schema.name()
        + (op == null ? "" : "." + op.wireName())
        + (id > 0 ? "." + id : "");
  }

  /** Update and delete messages carry one object instead of an array when the handshake had id. */
  boolean wantsObject() {
    return id > 0;
  }
}
