package io.fastschema.realtime.filter;

/**
 * A PostgreSQL {@code uuid}: 16 bytes ordered as unsigned bytes ({@code uuid_cmp} is a {@code
 * memcmp}), which {@link java.util.UUID#compareTo} (signed) does not do.
 *
 * <p>Thread-safety: immutable.
 *
 * @param high the first 8 bytes, big-endian
 * @param low the last 8 bytes, big-endian
 */
record UuidValue(long high, long low) implements Comparable<UuidValue> {

  /** FastSchema's encoding of a NULL uuid column ({@code uuid.Nil}). */
  static final UuidValue ZERO = new UuidValue(0, 0);

  /**
   * Parses text as PostgreSQL's {@code uuid_in} does: 32 hex digits of either case, optionally in
   * braces, with an optional hyphen after any group of four digits. Null when PostgreSQL would
   * reject it.
   */
  static UuidValue parse(String text) {
    int i = 0;
    boolean braces = text.startsWith("{");
    if (braces) {
      i = 1;
    }
    long high = 0;
    long low = 0;
    for (int b = 0; b < 16; b++) {
      if (i + 1 >= text.length()
          || !isAsciiHex(text.charAt(i))
          || !isAsciiHex(text.charAt(i + 1))) {
        return null;
      }
      int value =
          Character.digit(text.charAt(i), 16) << 4 | Character.digit(text.charAt(i + 1), 16);
      if (b < 8) {
        high = high << 8 | value;
      } else {
        low = low << 8 | value;
      }
      i += 2;
      if (i < text.length() && text.charAt(i) == '-' && b % 2 == 1 && b < 15) {
        i++;
      }
    }
    if (braces) {
      if (i >= text.length() || text.charAt(i) != '}') {
        return null;
      }
      i++;
    }
    return i == text.length() ? new UuidValue(high, low) : null;
  }

  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  @Override
  public int compareTo(UuidValue other) {
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }
}
