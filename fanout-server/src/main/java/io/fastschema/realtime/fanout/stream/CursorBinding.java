package io.fastschema.realtime.fanout.stream;

import java.util.Arrays;

/**
 * Whom a resume cursor is issued to: a digest of the user and the subscription, under a {@link
 * CursorKey}. A cursor verifies only with the binding it was written with, so a cursor handed to
 * another user, or given with another schema, event, id, filter or select, is refused. Immutable;
 * equal bindings (one user's tabs with the same subscription) share cursor texts.
 */
public final class CursorBinding {

  private final CursorKey key;
  private final byte[] digest;

  CursorBinding(CursorKey key, byte[] digest) {
    this.key = key;
    this.digest = digest;
  }

  CursorKey key() {
    return key;
  }

  byte[] digest() {
    return digest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CursorBinding b && b.key == key && Arrays.equals(b.digest, digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }
}
