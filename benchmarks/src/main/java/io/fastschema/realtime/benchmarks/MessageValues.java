package io.fastschema.realtime.benchmarks;

/**
 * Reads the benchmark values out of a realtime message without parsing its JSON: the load
 * benchmark's client receives up to a few hundred thousand messages a second on the same cores as
 * the servers it measures, and a full parse would make the client the bottleneck. Every row the
 * benchmark writes carries its sequence number in {@code views} (see {@link RowValue}); the rows of
 * one message all come from one statement and so carry the same value.
 *
 * <p>Stateless.
 */
final class MessageValues {

  private static final String KEY = "\"views\":";

  private MessageValues() {}

  /** The first {@code views} value of the message, or -1 when there is none. */
  static long firstViews(String message) {
    int at = message.indexOf(KEY);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    int digits = 0;
    for (int i = at + KEY.length(); i < message.length(); i++) {
      char c = message.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        digits++;
      } else if (digits > 0 || c != ' ') {
        break;
      }
    }
    return digits == 0 ? -1 : value;
  }

  /** How many rows the message carries: occurrences of the {@code views} key. */
  static int rows(String message) {
    int rows = 0;
    for (int at = message.indexOf(KEY); at >= 0; at = message.indexOf(KEY, at + KEY.length())) {
      rows++;
    }
    return rows;
  }
}
