package io.fastschema.realtime.fanout.stream;

/**
 * A resume cursor that the log cannot serve: older than what Kafka keeps ({@link #expired()}), or
 * not of this topic's log (ahead of it, or naming partitions it does not have). The message says
 * why, for the close reason.
 */
public final class CursorNotServed extends Exception {

  private final boolean expired;

  CursorNotServed(boolean expired, String message) {
    super(message);
    this.expired = expired;
  }

  /**
   * A cursor naming another number of partitions than its topic has (a topic not created yet has
   * none): it is not a position of this log, whichever way it is served.
   */
  public static CursorNotServed wrongPartitions(String topic, int named, int has) {
    return new CursorNotServed(
        false,
        "realtime.content: invalid since: cursor names "
            + named
            + " partitions, "
            + topic
            + " has "
            + has);
  }

  /** Whether the cursor is only too old (the client may start afresh), not invalid. */
  public boolean expired() {
    return expired;
  }
}
