package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeFormatTest {

  @Test
  void trimsTrailingFractionZerosLikeGoRfc3339Nano() {
    assertEquals(
        "2025-01-02T03:04:05Z", GoTimeFormat.format(Instant.parse("2025-01-02T03:04:05Z")));
    assertEquals(
        "2025-01-02T03:04:05.12Z",
        GoTimeFormat.format(Instant.parse("2025-01-02T03:04:05.120000Z")));
    assertEquals(
        "2025-01-02T03:04:05.000001Z",
        GoTimeFormat.format(Instant.parse("2025-01-02T03:04:05.000001Z")));
    assertEquals(
        "2025-01-02T03:04:05.1Z", GoTimeFormat.format(Instant.parse("2025-01-02T03:04:05.100Z")));
    assertEquals(
        "2025-01-02T03:04:05.000000005Z",
        GoTimeFormat.format(Instant.parse("2025-01-02T03:04:05.000000005Z")));
    assertEquals(
        "1999-12-31T23:59:59.999999999Z",
        GoTimeFormat.format(Instant.parse("1999-12-31T23:59:59.999999999Z")));
  }

  @Test
  void convertsOffsetsToUtc() {
    assertEquals(
        "2025-01-02T01:04:05Z",
        GoTimeFormat.format(
            java.time.OffsetDateTime.parse("2025-01-02T03:04:05+02:00").toInstant()));
  }

  @Test
  void isoOffsetTextMatchesParsingAndFormattingWhateverItsShape() {
    String[] texts = {
      "2025-01-02T03:04:05Z",
      "2025-01-02T03:04:05.123456Z",
      "2025-01-02T03:04:05.000000005Z",
      "2025-01-02T03:04:05.120Z", // trailing zero: trimmed by the slow path
      "2025-01-02T03:04:05.000Z",
      "2025-01-02T03:04:05+02:00",
      "2025-01-02T03:04:05.5-07:30",
      "1970-01-01T00:00:00Z",
      "+12025-01-02T03:04:05Z", // a year beyond 9999 is not the fast shape
    };
    for (String t : texts) {
      assertEquals(
          GoTimeFormat.format(java.time.OffsetDateTime.parse(t).toInstant()),
          GoTimeFormat.fromIsoOffset(t),
          t);
    }
    String utc = "2025-06-07T08:09:10.123456Z";
    assertSame(utc, GoTimeFormat.fromIsoOffset(utc), "already Go's form: no copy");
  }
}
