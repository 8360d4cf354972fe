package io.fastschema.realtime.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Close reasons must fit the 123 bytes of a close frame, whatever their characters. */
class CloseReasonTest {

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void controlCharactersFromTheQueryNeverReachTheCloseReason() {
    String fitted =
        CloseReason.fit("realtime.content: invalid id 'a\r\nb\u0000c\u0085d\u007fe\tf'");

    assertEquals("realtime.content: invalid id 'abcdef'", fitted);
  }

  @Test
  void reasonThatFitsIsReturnedUnchanged() {
    String reason = "realtime.content: invalid event 'x'";
    assertSame(reason, CloseReason.fit(reason));
  }

  @Test
  void reasonOfExactly123BytesIsKept() {
    String reason = "r".repeat(123);
    assertEquals(reason, CloseReason.fit(reason));
  }

  @Test
  void reasonOf124BytesIsShortenedWithAnEllipsis() {
    String fitted = CloseReason.fit("r".repeat(124));

    assertEquals("r".repeat(120) + "...", fitted);
    assertEquals(123, utf8(fitted));
  }

  static Stream<String> longReasons() {
    return Stream.of(
        "realtime.content: invalid event '" + "x".repeat(500) + "'",
        "é".repeat(100), // 2 bytes each
        "€".repeat(100), // 3 bytes each
        "😀".repeat(100), // 4 bytes each, a surrogate pair in Java
        "a" + "😀".repeat(100), // pair boundaries at odd char indexes
        "ab" + "😀".repeat(100),
        "realtime.content: invalid event '" + "日本語".repeat(40) + "'",
        "x".repeat(119) + "€€€");
  }

  @ParameterizedTest
  @MethodSource("longReasons")
  void longReasonFitsInACloseFrameAsAValidPrefixWithEllipsis(String reason) {
    String fitted = CloseReason.fit(reason);

    assertTrue(utf8(fitted) <= 123, utf8(fitted) + " bytes: " + fitted);
    assertTrue(fitted.endsWith("..."), fitted);
    String kept = fitted.substring(0, fitted.length() - 3);
    assertTrue(reason.startsWith(kept), "a prefix of the original");
    assertTrue(utf8(kept) > 120 - 4, "no more is cut than one character needs: " + utf8(kept));
    assertFalse(
        kept.chars()
            .anyMatch(c -> Character.isSurrogate((char) c) && !isPaired(kept, kept.indexOf(c))),
        "a character was cut in half: " + kept);
    assertEquals(
        kept,
        new String(kept.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
        "the kept text survives UTF-8 encoding unchanged");
  }

  private static boolean isPaired(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  @Test
  void codesAreInTheirDocumentedRanges() {
    assertEquals(4400, CloseReason.BAD_REQUEST.code());
    assertEquals(4401, CloseReason.UNAUTHENTICATED.code());
    assertEquals(4403, CloseReason.FORBIDDEN.code());
    assertEquals(4404, CloseReason.UNKNOWN_SCHEMA.code());
    assertEquals(4008, CloseReason.SLOW_CONSUMER.code());
    assertEquals(1001, CloseReason.GOING_AWAY.code());
    assertEquals(1009, CloseReason.TOO_BIG.code());
    assertEquals(
        CloseReason.values().length,
        Arrays.stream(CloseReason.values()).mapToInt(CloseReason::code).distinct().count(),
        "every code is distinct");
  }
}
