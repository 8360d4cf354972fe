package io.fastschema.realtime.benchmarks.ingest;

import java.util.Locale;

/** The kind of row change a workload makes to {@code blogs}. */
enum ChangeOp {
  /** New rows: events carry only an after-image. */
  INSERT,
  /** Existing rows (the ones the inserts made): with full replica identity, before and after. */
  UPDATE;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ChangeOp parse(String text) {
    for (ChangeOp op : values()) {
      if (op.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown op '" + text + "': insert or update");
  }
}
