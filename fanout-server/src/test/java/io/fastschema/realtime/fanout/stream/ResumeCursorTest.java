package io.fastschema.realtime.fanout.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.RecordEvent;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors: exact round trips, URL-safe and short, and a clear refusal of anything else. */
class ResumeCursorTest {

  private static final String TOPIC = "fastschema.blog";

  @Test
  void roundTripsOffsetsAndIdsExactly() throws Exception {
    StreamPosition p =
        new StreamPosition(
            TOPIC,
            new long[] {0, 12_345_678_901L, 7},
            new String[] {
              null,
              RecordEvent.idOf(0x16B3D28L, 0x16B3A10L),
              RecordEvent.idOf(0x16B3D28L, 0x16B4F00L, 4)
            });

    StreamPosition back = StreamPosition.ofCursor(p.cursor(), TOPIC);

    assertEquals(p, back);
    assertEquals(p.lastId(1), back.lastId(1));
    assertEquals(p.lastId(2), back.lastId(2));
  }

  @Test
  void aVersionOneCursorWithTwoPartIdsIsStillRead() throws Exception {
    // Version 1, topic CRC, 1 partition, offset 7, id 0x10-0x12 (hi + 1 = 0x11, zigzag(2) = 4).
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(TOPIC.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int c = (int) crc.getValue();
    byte[] bytes = {
      1, (byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c, 1, 7, 0x11, 4
    };
    StreamPosition back =
        StreamPosition.ofCursor(
            java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), TOPIC);
    assertEquals(7, back.offset(0));
    assertEquals("0000000000000010-0000000000000012", back.lastId(0));
  }

  @Test
  void isUrlSafeAndShortEnoughForACloseReasonWithOnePartition() {
    StreamPosition p =
        new StreamPosition(
            TOPIC,
            new long[] {98_765_432L},
            new String[] {RecordEvent.idOf(0x3_0000_0000L, 0x3_0000_1F00L)});

    String cursor = p.cursor();

    assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    assertTrue(cursor.length() <= 40, "one partition: " + cursor.length() + " chars");
  }

  @Test
  void aCursorOfAnotherSchemaIsRefused() {
    String other = new StreamPosition("fastschema.tag", new long[] {1}, new String[1]).cursor();
    var e =
        assertThrows(
            ResumeCursor.InvalidCursorException.class, () -> StreamPosition.ofCursor(other, TOPIC));
    assertEquals("cursor belongs to another schema", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a cursor!", "AQ", "////", "AAAAAAAA"})
  void malformedCursorsAreRefusedWithAReason(String text) {
    var e =
        assertThrows(
            ResumeCursor.InvalidCursorException.class, () -> StreamPosition.ofCursor(text, TOPIC));
    assertTrue(
        e.getMessage().startsWith("cursor") || e.getMessage().startsWith("unknown"),
        e.getMessage());
  }

  @Test
  void truncatedAndPaddedCursorsAreRefused() {
    String good = new StreamPosition(TOPIC, new long[] {300, 5}, new String[2]).cursor();
    byte[] bytes = Base64.getUrlDecoder().decode(good);
    String truncated =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.util.Arrays.copyOf(bytes, bytes.length - 1));
    String padded =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(java.util.Arrays.copyOf(bytes, bytes.length + 1));

    assertEquals(
        "cursor is truncated",
        assertThrows(
                ResumeCursor.InvalidCursorException.class,
                () -> StreamPosition.ofCursor(truncated, TOPIC))
            .getMessage());
    assertEquals(
        "trailing bytes in cursor",
        assertThrows(
                ResumeCursor.InvalidCursorException.class,
                () -> StreamPosition.ofCursor(padded, TOPIC))
            .getMessage());
  }

  @Test
  void aHostilePartitionCountIsRefusedBeforeAllocating() {
    byte[] bytes =
        Base64.getUrlDecoder()
            .decode(new StreamPosition(TOPIC, new long[0], new String[0]).cursor());
    byte[] hostile = java.util.Arrays.copyOf(bytes, bytes.length + 4);
    hostile[5] = (byte) 0xFF; // partition count varint: 0xFFFFFF7F...
    hostile[6] = (byte) 0xFF;
    hostile[7] = (byte) 0xFF;
    hostile[8] = 0x7F;
    String text =
        Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hostile, 9));

    var e =
        assertThrows(
            ResumeCursor.InvalidCursorException.class, () -> StreamPosition.ofCursor(text, TOPIC));
    assertTrue(e.getMessage().contains("partitions"), e.getMessage());
  }

  @Test
  void aPartitionCountOfTwoToTheSixtyThirdIsReportedUnsigned() {
    byte[] bytes =
        Base64.getUrlDecoder()
            .decode(new StreamPosition(TOPIC, new long[0], new String[0]).cursor());
    byte[] hostile = java.util.Arrays.copyOf(bytes, 5 + 10);
    java.util.Arrays.fill(hostile, 5, 14, (byte) 0x80); // varint of 2^63: 9 bytes of 0x80, 0x01
    hostile[14] = 0x01;
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(hostile);

    var e =
        assertThrows(
            ResumeCursor.InvalidCursorException.class, () -> StreamPosition.ofCursor(text, TOPIC));
    assertEquals("cursor names 9223372036854775808 partitions", e.getMessage());
  }

  @Test
  void coversComparesEveryPartitionMissingOnesAtZero() {
    StreamPosition a = new StreamPosition(TOPIC, new long[] {5, 5}, new String[2]);
    StreamPosition b = new StreamPosition(TOPIC, new long[] {5}, new String[1]);
    StreamPosition c = new StreamPosition(TOPIC, new long[] {5, 6}, new String[2]);

    assertTrue(a.covers(b));
    assertTrue(!b.covers(a));
    assertTrue(c.covers(a) && !a.covers(c));
  }
}
