package io.fastschema.realtime.filter;

/**
 * The lower-casing behind {@code $containsfold}: Unicode's simple (one code point to one code
 * point) lowercase mapping, applied per code point.
 *
 * <p>Both sides of FastSchema's {@code col ILIKE '%' || lower(v) || '%'} are lowered this way: ent
 * lowers the value with Go's {@code strings.ToLower} (simple mapping), PostgreSQL lowers the column
 * and the pattern with {@code lower()} under the column's collation, which is the same simple
 * mapping for UTF-8 databases with the builtin {@code C.UTF-8} provider or a glibc {@code *.UTF-8}
 * locale. Not {@link String#toLowerCase}: that applies the full, context- sensitive mapping (final
 * sigma, {@code İ} to two code points). Under the plain {@code C} / {@code POSIX} ctype PostgreSQL
 * lowers ASCII letters only.
 *
 * <p>Thread-safety: stateless.
 */
final class Lowercase {

  private Lowercase() {}

  static String of(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int lower = Character.toLowerCase(codePoint);
      if (lower != codePoint && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.appendCodePoint(lower);
      }
      i += Character.charCount(codePoint);
    }
    return out == null ? text : out.toString();
  }
}
