package io.fastschema.realtime.fanout.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.RecordEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cursors: exact round trips, URL-safe and short, bound to the user and the subscription they were
 * issued to (issue 13 item 3), and a clear refusal of anything else.
 */
class ResumeCursorTest {

  private static final String TOPIC = "fastschema.blog";
  private static final byte[] APP_KEY =
      "an-app-key-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
  private static final CursorKey KEY = CursorKey.derive(APP_KEY);

  /** User 7, schema-wide on blog, no id, a filter, no select. */
  private static final CursorBinding ISSUED = bind("7", "*", null, "{\"a\":1}", "");

  private static CursorBinding bind(
      String user, String event, String id, String filter, String select) {
    return KEY.bind(user, TOPIC, event, id, filter, select);
  }

  private static StreamPosition read(String cursor, CursorBinding binding)
      throws ResumeCursor.InvalidCursorException {
    return StreamPosition.ofCursor(cursor, TOPIC, binding);
  }

  private static String refusal(String cursor, CursorBinding binding) {
    return assertThrows(ResumeCursor.InvalidCursorException.class, () -> read(cursor, binding))
        .getMessage();
  }

  private static String text(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

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

    StreamPosition back = read(p.cursor(ISSUED), ISSUED);

    assertEquals(p, back);
    assertEquals(p.lastId(1), back.lastId(1));
    assertEquals(p.lastId(2), back.lastId(2));
  }

  @Test
  void isUrlSafeAndShortEnoughForACloseReasonWithOnePartition() {
    StreamPosition p =
        new StreamPosition(
            TOPIC,
            new long[] {98_765_432L},
            new String[] {RecordEvent.idOf(0x3_0000_0000L, 0x3_0000_1F00L)});

    String cursor = p.cursor(ISSUED);

    assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    assertTrue(cursor.length() <= 48, "one partition: " + cursor.length() + " chars");
    assertTrue(("slow consumer since=" + cursor).length() <= 123);
  }

  @Test
  void aCursorGivenByAnotherUserOrForAnotherSubscriptionIsRefused() {
    String cursor = new StreamPosition(TOPIC, new long[] {5}, new String[1]).cursor(ISSUED);
    String why = ResumeCursor.NOT_ISSUED_HERE;

    assertEquals(why, refusal(cursor, bind("8", "*", null, "{\"a\":1}", "")));
    assertEquals(why, refusal(cursor, bind(null, "*", null, "{\"a\":1}", "")));
    assertEquals(why, refusal(cursor, bind("7", "create", null, "{\"a\":1}", "")));
    assertEquals(why, refusal(cursor, bind("7", "*", "3", "{\"a\":1}", "")));
    assertEquals(why, refusal(cursor, bind("7", "*", null, "{\"a\":2}", "")));
    assertEquals(why, refusal(cursor, bind("7", "*", null, "{\"a\":1}", "id")));
    assertEquals(why, refusal(cursor, KEY.bind("7", "fastschema.tag", "*", null, "{\"a\":1}", "")));
    assertEquals(
        why,
        refusal(
            cursor,
            CursorKey.derive("another-app-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8))
                .bind("7", TOPIC, "*", null, "{\"a\":1}", "")));
  }

  @Test
  void aForgedCursorIsRefusedWhateverByteChanged() {
    byte[] good =
        Base64.getUrlDecoder()
            .decode(new StreamPosition(TOPIC, new long[] {5}, new String[1]).cursor(ISSUED));
    for (int i = 1; i < good.length; i++) {
      byte[] forged = good.clone();
      forged[i] ^= 1;
      assertEquals(ResumeCursor.NOT_ISSUED_HERE, refusal(text(forged), ISSUED), "byte " + i);
    }
    // The attack of issue 13: an offset-0 cursor made up by the client.
    assertEquals(ResumeCursor.NOT_ISSUED_HERE, refusal(text(new byte[] {3, 1, 0, 0}), ISSUED));
  }

  @Test
  void unsignedCursorsOfVersionsOneAndTwoAreRefusedWithAdviceToReload() {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(TOPIC.getBytes(StandardCharsets.UTF_8));
    int c = (int) crc.getValue();
    for (byte version : new byte[] {1, 2}) {
      byte[] bytes = {
        version, (byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c, 1, 0, 0
      };
      assertEquals(
          "cursor of an older, unsigned version; reload, then since=now",
          refusal(text(bytes), ISSUED));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a cursor!", "AQ", "////", "AAAAAAAA", "Aw"})
  void malformedCursorsAreRefusedWithAReason(String text) {
    String why = refusal(text, ISSUED);
    assertTrue(why.startsWith("cursor") || why.startsWith("unknown"), why);
  }

  @Test
  void truncatedAndPaddedCursorsAreRefused() {
    byte[] bytes =
        Base64.getUrlDecoder()
            .decode(new StreamPosition(TOPIC, new long[] {300, 5}, new String[2]).cursor(ISSUED));

    assertEquals(
        ResumeCursor.NOT_ISSUED_HERE,
        refusal(text(Arrays.copyOf(bytes, bytes.length - 1)), ISSUED));
    assertEquals(
        ResumeCursor.NOT_ISSUED_HERE,
        refusal(text(Arrays.copyOf(bytes, bytes.length + 1)), ISSUED));
    // Sealed by the key, and still malformed inside: the structure is checked after the tag.
    assertEquals(
        "cursor is truncated", refusal(text(ResumeCursor.seal(new byte[] {3, 1}, ISSUED)), ISSUED));
    assertEquals(
        "trailing bytes in cursor",
        refusal(text(ResumeCursor.seal(new byte[] {3, 0, 9}, ISSUED)), ISSUED));
  }

  @Test
  void aHostilePartitionCountIsRefusedBeforeAllocating() {
    byte[] hostile = {3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
    String why = refusal(text(ResumeCursor.seal(hostile, ISSUED)), ISSUED);
    assertTrue(why.contains("partitions"), why);
  }

  @Test
  void aPartitionCountOfTwoToTheSixtyThirdIsReportedUnsigned() {
    byte[] hostile = new byte[11];
    hostile[0] = 3;
    Arrays.fill(hostile, 1, 10, (byte) 0x80); // varint of 2^63: 9 bytes of 0x80, then 0x01
    hostile[10] = 0x01;

    assertEquals(
        "cursor names 9223372036854775808 partitions",
        refusal(text(ResumeCursor.seal(hostile, ISSUED)), ISSUED));
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
