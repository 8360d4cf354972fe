package io.fastschema.realtime.compat;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562) that also increase within a millisecond, as FastSchema
 * v0.10 gives its rows: permissions created one after the other by a case then sort (as text and as
 * {@code uuid}) in creation order, which is the order FastSchema loads them in and so decides which
 * permission matches first.
 *
 * <p>Thread-safe.
 */
final class Uuid7 {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long counter;

  private Uuid7() {}

  static synchronized UUID next() {
    long now = System.currentTimeMillis();
    if (now > lastMillis) {
      lastMillis = now;
      counter = RANDOM.nextInt(1 << 10); // leaves room to count up within the millisecond
    } else if (++counter >= 1 << 12) {
      lastMillis++; // counter exhausted: borrow the next millisecond, staying monotonic
      counter = 0;
    }
    long high = (lastMillis << 16) | 0x7000L | counter;
    long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /** {@link #next} with its last two bytes zero: still unique (46 random bits are left). */
  static UUID nextEndingInZeroBytes() {
    UUID u = next();
    return new UUID(u.getMostSignificantBits(), u.getLeastSignificantBits() & ~0xFFFFL);
  }
}
