package io.fastschema.realtime.filter;

/**
 * How a {@code LIKE} compares characters, as a folding applied to the row's text and to the
 * pattern's literal characters before an exact {@link LikePattern} match: two characters the
 * database's {@code LIKE} finds equal fold to the same one.
 *
 * <p>Thread-safety: stateless.
 */
enum LikeFolding {
  /** PostgreSQL's {@code LIKE} under a deterministic collation: code points. */
  EXACT {
    @Override
    String fold(String text) {
      return text;
    }
  },
  /** PostgreSQL's {@code ILIKE}: both sides lower-cased ({@link Lowercase}). */
  LOWERCASE {
    @Override
    String fold(String text) {
      return Lowercase.of(text);
    }
  },
  /** {@code LIKE} on a MySQL/MariaDB {@code utf8mb4_unicode_ci} column. */
  UNICODE_CI {
    @Override
    String fold(String text) {
      return MySqlCollation.unicodeRepresentatives(text);
    }
  },
  /** ent's {@code $containsfold} on MySQL: {@code col COLLATE utf8mb4_general_ci LIKE …}. */
  GENERAL_CI {
    @Override
    String fold(String text) {
      return MySqlCollation.generalRepresentatives(text);
    }
  };

  /** The text with every character replaced by its folding. */
  abstract String fold(String text);

  /**
   * The pattern with its literal characters folded; {@code %}, {@code _} and escapes keep their
   * meaning, and a character that folds into one of {@code % _ \} is escaped.
   */
  String foldPattern(String pattern) {
    if (this == EXACT) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length());
    boolean escaped = false;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (!escaped && c == '\\') {
        escaped = true;
        continue;
      }
      if (!escaped && (c == '%' || c == '_')) {
        out.appendCodePoint(c);
        continue;
      }
      String folded = fold(new String(Character.toChars(c)));
      if (escaped || folded.equals("%") || folded.equals("_") || folded.equals("\\")) {
        out.append('\\');
      }
      out.append(folded);
      escaped = false;
    }
    if (escaped) {
      out.append('\\'); // a trailing escape stays, for LikePattern to refuse
    }
    return out.toString();
  }
}
