package io.fastschema.realtime.filter;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * MySQL's and MariaDB's {@code utf8mb4_unicode_ci} (every FastSchema table's collation there) and
 * {@code utf8mb4_general_ci} (which ent's {@code $containsfold} asks for), from the servers' own
 * primary weights.
 *
 * <p>The weights of every BMP code point were read from MariaDB 11.4 with {@code WEIGHT_STRING}
 * into {@value #TABLE} ({@code MySqlWeightTableTest} checks the file against the server in every
 * build and rewrites it with {@code -Dfilter.writeWeights=true}). Both collations are from UCA
 * 4.0.0 (MySQL 8 and MariaDB ship the same tables for these two names). What the servers do with
 * them:
 *
 * <ul>
 *   <li>{@code =} and {@code <}: the strings' weight sequences compared, ignorable characters
 *       skipped; PAD SPACE: when one string ends, the rest of the other is compared with the weight
 *       of a space, so trailing spaces do not count (a trailing tab does: it weighs less).
 *   <li>{@code LIKE}: character by character, two characters equal when their weight sequences are
 *       ({@code ß} equals {@code ß} only, never {@code ss}); no padding. Under {@code unicode_ci}
 *       every character outside the BMP weighs U+FFFD for {@code =}, yet in {@code LIKE} it equals
 *       only itself; under {@code general_ci} it equals every other one in both.
 * </ul>
 *
 * <p>Thread-safety: immutable after class initialisation.
 */
final class MySqlCollation {

  static final String TABLE = "mysql-utf8mb4-weights.bin.gz";

  /** The file's first int. */
  static final int MAGIC = 0x46535743;

  static final int BMP = 0x10000;

  /** utf8mb4_unicode_ci's weight of a space, against which PAD SPACE compares the longer rest. */
  private static final int SPACE_WEIGHT = 0x0209;

  /** The weight of U+FFFD, which both collations give every character outside the BMP. */
  private static final int REPLACEMENT_WEIGHT = 0xFFFD;

  /** unicode_ci weights of code point c: {@code WEIGHTS[OFFSETS[c] .. OFFSETS[c + 1])}. */
  private static final char[] WEIGHTS;

  private static final int[] OFFSETS = new int[BMP + 1];

  /** general_ci's single weight per BMP code point. */
  private static final char[] GENERAL = new char[BMP];

  /** For LIKE: the least code point whose unicode_ci weights equal this one's. */
  private static final char[] UNICODE_REPRESENTATIVE = new char[BMP];

  /** For LIKE under general_ci: the least code point of the same weight. */
  private static final char[] GENERAL_REPRESENTATIVE = new char[BMP];

  static {
    try (InputStream raw = MySqlCollation.class.getResourceAsStream(TABLE)) {
      if (raw == null) {
        throw new IllegalStateException("missing resource " + TABLE);
      }
      DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
      if (in.readInt() != MAGIC) {
        throw new IllegalStateException(TABLE + " is not a weight table");
      }
      // Each weight is stored as its difference from the previous code point's (see the test).
      StringBuilder all = new StringBuilder();
      int previous = 0;
      for (int c = 0; c < BMP; c++) {
        OFFSETS[c] = all.length();
        int count = in.readUnsignedByte();
        for (int i = 0; i < count; i++) {
          int base = i < OFFSETS[c] - previous ? all.charAt(previous + i) : 0;
          all.append((char) (base + in.readChar()));
        }
        previous = OFFSETS[c];
      }
      OFFSETS[BMP] = all.length();
      WEIGHTS = all.toString().toCharArray();
      char general = 0;
      for (int c = 0; c < BMP; c++) {
        general += in.readChar();
        GENERAL[c] = general;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TABLE, e);
    }
    Map<String, Character> unicodeFirst = new HashMap<>();
    Map<Character, Character> generalFirst = new HashMap<>();
    for (int c = 0; c < BMP; c++) {
      Character first = unicodeFirst.putIfAbsent(weightsOf(c), (char) c);
      UNICODE_REPRESENTATIVE[c] = first == null ? (char) c : first;
      first = generalFirst.putIfAbsent(GENERAL[c], (char) c);
      GENERAL_REPRESENTATIVE[c] = first == null ? (char) c : first;
    }
  }

  private MySqlCollation() {}

  private static String weightsOf(int c) {
    return new String(WEIGHTS, OFFSETS[c], OFFSETS[c + 1] - OFFSETS[c]);
  }

  /** The unicode_ci weights of a string, ignorable characters left out. */
  static char[] weights(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c < BMP && !Character.isSurrogate((char) c)) {
        out.append(WEIGHTS, OFFSETS[c], OFFSETS[c + 1] - OFFSETS[c]);
      } else {
        out.append((char) REPLACEMENT_WEIGHT);
      }
    }
    char[] weights = new char[out.length()];
    out.getChars(0, out.length(), weights, 0);
    return weights;
  }

  /** {@code a = b} / {@code a < b} under utf8mb4_unicode_ci: negative, zero or positive. */
  static int compare(String a, String b) {
    char[] x = weights(a);
    char[] y = weights(b);
    int common = Math.min(x.length, y.length);
    for (int i = 0; i < common; i++) {
      if (x[i] != y[i]) {
        return x[i] - y[i];
      }
    }
    // PAD SPACE: the longer one's rest against spaces.
    char[] longer = x.length > y.length ? x : y;
    for (int i = common; i < longer.length; i++) {
      if (longer[i] != SPACE_WEIGHT) {
        int order = longer[i] - SPACE_WEIGHT;
        return longer == x ? order : -order;
      }
    }
    return 0;
  }

  /** A text equal for exactly the strings {@link #compare} calls equal. */
  static String equalityKey(String text) {
    char[] weights = weights(text);
    int end = weights.length;
    while (end > 0 && weights[end - 1] == SPACE_WEIGHT) {
      end--;
    }
    return new String(weights, 0, end);
  }

  /**
   * Each character replaced by the least one LIKE under utf8mb4_unicode_ci finds equal to it, so
   * that an exact LIKE on the results answers the collated one. Characters outside the BMP stay.
   */
  static String unicodeRepresentatives(String text) {
    return representatives(text, UNICODE_REPRESENTATIVE, -1);
  }

  /** As {@link #unicodeRepresentatives} under utf8mb4_general_ci. */
  static String generalRepresentatives(String text) {
    return representatives(text, GENERAL_REPRESENTATIVE, GENERAL_REPRESENTATIVE[0xFFFD]);
  }

  /**
   * @param outsideBmp the representative of every character outside the BMP, or -1 for itself
   */
  private static String representatives(String text, char[] table, int outsideBmp) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c < BMP) {
        out.append(table[c]);
      } else if (outsideBmp < 0) {
        out.appendCodePoint(c);
      } else {
        out.append((char) outsideBmp);
      }
    }
    return out.toString();
  }
}
