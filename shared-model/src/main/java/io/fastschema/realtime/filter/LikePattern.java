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

  /** Code points to match literally, or {@link #ANY_ONE} / {@link #ANY_RUN}. */
  private final int[] tokens;

  /** The literal of a {@code %literal%} pattern, matched with {@code indexOf}; else null. */
  private final String infix;

  private LikePattern(String source, int[] tokens) {
    this.source = source;
    this.tokens = tokens;
    this.infix = infixOf(tokens);
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

  boolean matches(String text) {
    if (infix != null) {
      return text.contains(infix);
    }
    int[] chars = text.codePoints().toArray();
    int t = 0;
    int p = 0;
    int runAt = -1;
    int runText = 0;
    while (t < chars.length) {
      if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == chars[t])) {
        t++;
        p++;
      } else if (p < tokens.length && tokens[p] == ANY_RUN) {
        runAt = p++;
        runText = t;
      } else if (runAt >= 0) {
        // Let the last % swallow one more character and retry what follows it.
        p = runAt + 1;
        t = ++runText;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == ANY_RUN) {
      p++;
    }
    return p == tokens.length;
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
