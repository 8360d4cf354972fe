package io.fastschema.realtime.event;

import java.util.Locale;

/** What happened to a record, named as FastSchema names its realtime events. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE;

  /** The lower-case word used on the wire ({@code "create"}, ...). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws {@link IllegalArgumentException} naming the value. */
  public static Operation fromWireName(String name) {
    for (Operation op : values()) {
      if (op.wireName().equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown operation '" + name + "'");
  }
}
