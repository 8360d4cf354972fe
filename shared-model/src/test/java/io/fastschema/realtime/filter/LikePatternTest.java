package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LIKE matching: the same answers as a regular expression, in time linear in the row. */
class LikePatternTest {

  /** 500 KB of 'a': the row of the attack in issue 13 item 2. */
  private static final String ROW = "a".repeat(500_000);

  @Test
  @Timeout(60)
  void hostilePatternsCostAScanOfTheRowNotRowTimesPattern() throws Exception {
    String[] hostile = {
      "%" + "a".repeat(7000) + "b",
      "%" + "_".repeat(7000) + "b",
      "%" + "a".repeat(7000) + "b%",
      "%a%" + "_".repeat(3000) + "b%" + "a".repeat(3000) + "%",
      "%" + "a_".repeat(3500) + "b%",
    };
    for (String p : hostile) {
      LikePattern pattern = LikePattern.compile(p);
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        assertFalse(pattern.matches(ROW), p.substring(0, 10));
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      // Backtracking did 500,000 x 7,000 steps per row (seconds); a scan is milliseconds.
      assertTrue(ms < 2_000, "5 rows took " + ms + " ms for " + p.substring(0, 10) + "...");
    }
    assertTrue(LikePattern.compile("%" + "a".repeat(7000)).matches(ROW));
    assertTrue(LikePattern.compile("%" + "_".repeat(7000) + "%a").matches(ROW));
  }

  @Test
  void answersAsARegularExpressionWouldOnRandomPatterns() throws Exception {
    Random random = new Random(13);
    String alphabet = "ab%_\\é😀";
    for (int n = 0; n < 50_000; n++) {
      String pattern = randomText(random, "ab%_é😀\\", 1 + random.nextInt(9));
      if (pattern.endsWith("\\") && !pattern.endsWith("\\\\")) {
        pattern = pattern + "a";
      }
      String text = randomText(random, alphabet, random.nextInt(12));
      LikePattern like;
      try {
        like = LikePattern.compile(pattern);
      } catch (SqlValueException e) {
        continue;
      }
      assertEquals(
          regexOf(pattern).matcher(text).matches(),
          like.matches(text),
          "'" + text + "' LIKE '" + pattern + "'");
    }
  }

  private static String randomText(Random random, String alphabet, int length) {
    int[] cps = alphabet.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(cps[random.nextInt(cps.length)]);
    }
    return out.toString();
  }

  /** The reference: LIKE as a regular expression over code points (DOTALL, anchored). */
  private static Pattern regexOf(String like) {
    StringBuilder re = new StringBuilder();
    int[] cps = like.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '\\' && i + 1 < cps.length) {
        re.append(Pattern.quote(new String(Character.toChars(cps[++i]))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(new String(Character.toChars(c))));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /**
   * One row text judged by filters of every folding in turn, as a delivery's row is: the text each
   * reads is folded and split once per text, and never handed to a filter of another folding.
   */
  @Test
  void oneRowTextJudgedUnderEveryFoldingInTurnGetsEachFoldingsAnswer() throws Exception {
    String row = new String("Crème BRÛLÉE 😀");
    LikePattern lower = LikePattern.compile("crème%");
    LikePattern infix = LikePattern.compile("%brûlée%");
    for (int round = 0; round < 2; round++) {
      assertFalse(lower.matches(LikeSubject.of(row, LikeFolding.EXACT)));
      assertTrue(lower.matches(LikeSubject.of(row, LikeFolding.LOWERCASE)));
      assertFalse(infix.matches(LikeSubject.of(row, LikeFolding.EXACT)));
      assertTrue(infix.matches(LikeSubject.of(row, LikeFolding.LOWERCASE)));
      assertTrue(LikePattern.compile("cr_me%").matches(LikeSubject.of(row, LikeFolding.LOWERCASE)));
      // Another text with equal content is another row value: read afresh, same answer.
      assertTrue(lower.matches(LikeSubject.of(new String(row), LikeFolding.LOWERCASE)));
      assertFalse(lower.matches(LikeSubject.of("Tarte", LikeFolding.LOWERCASE)));
    }
  }
}
