package io.fastschema.realtime.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One outbound text message, encoded to UTF-8 once: every session that gets it shares these bytes,
 * so a message for 1,000 clients is encoded once, not once per client (what a {@code String} handed
 * to Jetty costs: Jetty encodes it per frame).
 *
 * <p>Immutable and thread-safe: the bytes are never written after construction, and {@link
 * #payload} hands out a fresh read-only view, since Jetty advances a payload buffer's position as
 * it writes it.
 */
public final class EncodedText {

  private final byte[] utf8;

  private EncodedText(byte[] utf8) {
    this.utf8 = utf8;
  }

  public static EncodedText of(String text) {
    return new EncodedText(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Its length in bytes: what it holds of a queue's byte bound and of the node's budget. */
  public int length() {
    return utf8.length;
  }

  /** A new read-only buffer over the shared bytes, positioned at 0. */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(utf8).asReadOnlyBuffer();
  }

  /** Puts the bytes into {@code out} at its position (a batch's frames are built in one buffer). */
  public void copyTo(ByteBuffer out) {
    out.put(utf8);
  }

  /** The text again (decoded; for tests and logs, not the write path). */
  public String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return utf8.length > 200 ? text().substring(0, 200) + "…" : text();
  }
}
