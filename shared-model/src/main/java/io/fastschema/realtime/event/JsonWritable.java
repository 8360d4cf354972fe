package io.fastschema.realtime.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Something written as one JSON value into a generator: a row or key object written into an event
 * or state record as it is encoded, or a whole record. Ingest writes its rows straight from
 * Debezium's records this way, without building a tree first (BENCHMARKS.md, "Ingest: idempotent
 * producer back on"); a row already held as a tree writes that tree.
 */
@FunctionalInterface
public interface JsonWritable {

  /** Writes the value as the next value of {@code g}. */
  void writeTo(JsonGenerator g) throws IOException;

  /** The tree's JSON; {@code null} for a missing row, written as JSON {@code null}. */
  static JsonWritable of(ObjectNode tree) {
    return g -> {
      if (tree == null) {
        g.writeNull();
      } else {
        g.writeTree(tree);
      }
    };
  }
}
