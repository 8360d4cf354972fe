package io.fastschema.realtime.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way FastSchema's JSON does (Go's {@code time.RFC3339Nano}): seconds
 * precision, then the fraction with trailing zeros trimmed (none at all when zero), then {@code Z}
 * for UTC. We always emit UTC; FastSchema on pgx emits the driver's zone, which is the same
 * instant.
 */
final class GoTimeFormat {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoTimeFormat() {}

  /**
   * An ISO-8601 timestamp with offset (Debezium's {@code ZonedTimestamp} text) in FastSchema's
   * form. Debezium already sends UTC ({@code Z}) with the fraction trimmed, which is exactly Go's
   * RFC3339Nano, so such text is returned as it is; anything else (an offset, trailing zeros) is
   * parsed and formatted. {@code OffsetDateTime.parse} of every timestamp was 16 % of the ingest
   * handler thread's CPU (issue 14).
   */
  static String fromIsoOffset(String text) {
    return isGoUtc(text) ? text : format(OffsetDateTime.parse(text).toInstant());
  }

  /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}]Z} with no trailing zero in the fraction. */
  private static boolean isGoUtc(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z') {
      return false;
    }
    for (int i = 0; i < 19; i++) {
      char c = s.charAt(i);
      char expected = "dddd-dd-ddTdd:dd:dd".charAt(i);
      if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
        return false;
      }
    }
    if (n == 20) {
      return true;
    }
    if (s.charAt(19) != '.' || n == 21 || s.charAt(n - 2) == '0') {
      return false;
    }
    for (int i = 20; i < n - 1; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String format(Instant instant) {
    OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30).append(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      // By hand: String.format("%09d") was a fifth of ingest's per-event CPU (IngestThroughput).
      char[] digits = new char[9];
      for (int i = 8; i >= 0; i--) {
        digits[i] = (char) ('0' + nanos % 10);
        nanos /= 10;
      }
      int end = 9;
      while (digits[end - 1] == '0') {
        end--;
      }
      out.append('.').append(digits, 0, end);
    }
    return out.append('Z').toString();
  }
}
