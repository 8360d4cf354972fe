package io.fastschema.realtime.filter;

import java.util.Arrays;

/**
 * A PostgreSQL {@code LIKE} pattern: {@code %} matches any run of characters, {@code _} exactly one
 * character (a code point, as PostgreSQL counts characters of UTF-8 text), and the default escape
 * {@code \} makes the next character literal. Matching is exact (collation plays no part in {@code
 * LIKE} for deterministic collations).
 *
 * <p>Thread-safety: immutable.
 */
final class LikePattern {

  private static final int ANY_ONE = -1;
  private static final int ANY_RUN = -2;

  /** The pattern as written, for {@link #toString}. */
  private final String source;

  /**
   * The literal of a short {@code %literal%} pattern, matched with {@code indexOf} (at most {@link
   * #INDEXOF_MAX} comparisons per character); else null.
   */
  private final String infix;

  /** The pattern split at its {@code %} runs: at least one piece, two or more when it has a %. */
  private final Piece[] pieces;

  /** Longest infix left to {@code String.contains}, whose worst case is text × infix length. */
  private static final int INDEXOF_MAX = 64;

  /**
   * @param tokens code points to match literally, or {@link #ANY_ONE} / {@link #ANY_RUN}
   */
  private LikePattern(String source, int[] tokens) {
    this.source = source;
    String literal = infixOf(tokens);
    this.infix = literal != null && literal.length() <= INDEXOF_MAX ? literal : null;
    this.pieces = piecesOf(tokens);
  }

  /**
   * Compiles a pattern.
   *
   * @throws SqlValueException for a trailing escape. PostgreSQL raises this error only when a row
   *     lets matching reach that escape, so FastSchema's query fails or not depending on the data;
   *     we refuse the pattern outright.
   */
  static LikePattern compile(String pattern) throws SqlValueException {
    int[] codePoints = pattern.codePoints().toArray();
    int[] tokens = new int[codePoints.length];
    int size = 0;
    for (int i = 0; i < codePoints.length; i++) {
      int c = codePoints[i];
      if (c == '\\') {
        if (++i == codePoints.length) {
          throw new SqlValueException("LIKE pattern must not end with escape character");
        }
        tokens[size++] = codePoints[i];
      } else if (c == '%') {
        // Consecutive % are one run; collapsing them keeps matching linear in practice.
        if (size == 0 || tokens[size - 1] != ANY_RUN) {
          tokens[size++] = ANY_RUN;
        }
      } else {
        tokens[size++] = c == '_' ? ANY_ONE : c;
      }
    }
    return new LikePattern(pattern, Arrays.copyOf(tokens, size));
  }

  /** ent's {@code Contains}: the value with {@code \ % _} escaped, between two {@code %}. */
  static String containsPattern(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('%');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('%').toString();
  }

  /**
   * Whether the whole text matches, in time linear in the text: the pieces between {@code %} runs
   * are matched in order, the first at the start, the last at the end, each middle one at its
   * leftmost place after the previous (which is optimal: a later place can only leave less room to
   * what follows), found by a bit-parallel Shift-And scan of {@code ceil(piece length / 64)} words
   * per character. Nothing backtracks, so {@code %aaaa…b} or {@code %____…b} against a long row
   * costs a scan of the row, not row length × pattern length.
   */
  boolean matches(String text) {
    return infix != null ? text.contains(infix) : matches(text.codePoints().toArray());
  }

  /**
   * {@link #matches(String)} on a row's text, folded and split once per text ({@link LikeSubject}).
   */
  boolean matches(LikeSubject text) {
    return infix != null ? text.folded().contains(infix) : matches(text.codePoints());
  }

  private boolean matches(int[] chars) {
    Piece[] pieces = this.pieces;
    Piece first = pieces[0];
    if (pieces.length == 1) {
      return chars.length == first.length() && first.matchesAt(chars, 0);
    }
    Piece last = pieces[pieces.length - 1];
    int to = chars.length - last.length();
    if (to < first.length() || !first.matchesAt(chars, 0) || !last.matchesAt(chars, to)) {
      return false;
    }
    int from = first.length();
    for (int i = 1; i < pieces.length - 1; i++) {
      int at = pieces[i].find(chars, from, to);
      if (at < 0) {
        return false;
      }
      from = at + pieces[i].length();
    }
    return true;
  }

  /** The code points of the pattern, as written: what the length limit counts. */
  int length() {
    return (int) source.codePoints().count();
  }

  private static Piece[] piecesOf(int[] tokens) {
    java.util.List<Piece> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= tokens.length; i++) {
      if (i == tokens.length || tokens[i] == ANY_RUN) {
        out.add(new Piece(Arrays.copyOfRange(tokens, start, i)));
        start = i + 1;
      }
    }
    return out.toArray(new Piece[0]);
  }

  /**
   * A run of literal code points and {@code _} between two {@code %}: matched at a place, or found
   * leftmost in a range by Shift-And (bit {@code j} of the state: the last {@code j + 1} characters
   * match the piece's first {@code j + 1}).
   */
  private static final class Piece {
    private final int[] tokens;

    /** Per ASCII character, the positions it matches ({@code _} positions included); or null. */
    private final long[][] ascii = new long[128][];

    /** The same for other code points. */
    private final java.util.Map<Integer, long[]> other = new java.util.HashMap<>();

    /** The positions of {@code _}: what a character that appears nowhere in the piece matches. */
    private final long[] wild;

    Piece(int[] tokens) {
      this.tokens = tokens;
      int words = Math.max(1, (tokens.length + 63) / 64);
      wild = new long[words];
      for (int j = 0; j < tokens.length; j++) {
        if (tokens[j] == ANY_ONE) {
          wild[j >> 6] |= 1L << j;
        }
      }
      for (int j = 0; j < tokens.length; j++) {
        if (tokens[j] != ANY_ONE) {
          maskOf(tokens[j], true)[j >> 6] |= 1L << j;
        }
      }
    }

    int length() {
      return tokens.length;
    }

    boolean matchesAt(int[] chars, int at) {
      for (int j = 0; j < tokens.length; j++) {
        if (tokens[j] != ANY_ONE && tokens[j] != chars[at + j]) {
          return false;
        }
      }
      return true;
    }

    /** The leftmost start in [from, to - length] where the piece matches, or -1. */
    int find(int[] chars, int from, int to) {
      int k = tokens.length;
      if (k == 0) {
        return from;
      }
      long[] state = new long[wild.length];
      int top = (k - 1) >> 6;
      long done = 1L << (k - 1);
      for (int i = from; i < to; i++) {
        long[] mask = maskOf(chars[i], false);
        long carry = 1;
        for (int w = 0; w < state.length; w++) {
          long next = state[w] >>> 63;
          state[w] = ((state[w] << 1) | carry) & mask[w];
          carry = next;
        }
        if ((state[top] & done) != 0) {
          return i - k + 1;
        }
      }
      return -1;
    }

    private long[] maskOf(int c, boolean create) {
      long[] mask = c < 128 ? ascii[c] : other.get(c);
      if (mask == null && create) {
        mask = wild.clone();
        if (c < 128) {
          ascii[c] = mask;
        } else {
          other.put(c, mask);
        }
      }
      return mask == null ? wild : mask;
    }
  }

  @Override
  public String toString() {
    return "LIKE '" + source + "'";
  }

  /** The pattern as written, escapes included. */
  String source() {
    return source;
  }

  private static String infixOf(int[] tokens) {
    if (tokens.length < 2 || tokens[0] != ANY_RUN || tokens[tokens.length - 1] != ANY_RUN) {
      return null;
    }
    StringBuilder literal = new StringBuilder();
    for (int i = 1; i < tokens.length - 1; i++) {
      if (tokens[i] < 0) {
        return null;
      }
      literal.appendCodePoint(tokens[i]);
    }
    return literal.toString();
  }
}
