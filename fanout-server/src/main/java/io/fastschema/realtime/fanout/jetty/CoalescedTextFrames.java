package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.EncodedText;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Several whole, unmasked text frames handed to Jetty as one {@link Frame}, so that a batch costs
 * Jetty's per-frame path (session state, fragmenting flusher, extension stack, frame flusher, each
 * with its own lock and callback) once instead of once per message: that path was 60 % of a busy
 * node's CPU (BENCHMARKS.md, "Where the CPU per message goes").
 *
 * <p>The payload holds the first message's bytes, then every further message as a complete frame
 * (its header, its bytes); {@link #getPayloadLength} reports the first message's length only. Jetty
 * writes a frame as the header it generates from {@code getPayloadLength()} followed by the whole
 * payload buffer, so the wire carries exactly one complete text frame per message, as when each was
 * sent alone. Jetty stays the connection's only writer: its pings, pongs and close frames queue
 * behind this frame as behind any other.
 *
 * <p>Only for messages no larger than the session's maximum frame size (Jetty would fragment a
 * larger frame by splitting the payload, frame headers included); the caller sends those alone.
 * Always sent with {@code batch=false}: Jetty's aggregation would check its buffer's space for
 * {@code getPayloadLength()} bytes and then copy the whole payload into it.
 */
final class CoalescedTextFrames extends Frame {

  /**
   * The most bytes one buffer holds: the largest buffer {@link JettyServer}'s pool keeps (Jetty's
   * default bound on what the pool retains node-wide still applies). A session's batch (at most 64
   * KiB of messages, plus their headers) always fits; the limit only splits what a larger maximum
   * frame size lets through.
   */
  static final int MAX_BYTES = 128 * 1024;

  /** A text frame's first byte: FIN, no RSV bit, opcode TEXT. */
  private static final byte FIN_TEXT = (byte) (0x80 | OpCode.TEXT);

  private final int firstLength;

  private final int messages;

  private final RetainableByteBuffer buffer;

  private CoalescedTextFrames(RetainableByteBuffer buffer, int firstLength, int messages) {
    super(OpCode.TEXT, true, buffer.getByteBuffer());
    this.buffer = buffer;
    this.firstLength = firstLength;
    this.messages = messages;
  }

  /**
   * Copies as many of {@code texts} as fit in {@link #MAX_BYTES}, from index {@code from} on (at
   * least one), into one buffer from {@code pool}; {@link #messages} says how many. {@link
   * #release} gives the buffer back once Jetty completed the frame.
   */
  static CoalescedTextFrames of(List<EncodedText> texts, int from, ByteBufferPool pool) {
    int bytes = texts.get(from).length();
    int end = from + 1;
    while (end < texts.size()) {
      int length = texts.get(end).length();
      int more = headerLength(length) + length;
      if (bytes + more > MAX_BYTES) {
        break;
      }
      bytes += more;
      end++;
    }
    RetainableByteBuffer buffer = pool.acquire(bytes, true);
    ByteBuffer out = buffer.getByteBuffer();
    out.clear();
    texts.get(from).copyTo(out);
    for (int i = from + 1; i < end; i++) {
      EncodedText text = texts.get(i);
      putHeader(out, text.length());
      text.copyTo(out);
    }
    out.flip();
    return new CoalescedTextFrames(buffer, texts.get(from).length(), end - from);
  }

  /** How many messages this frame carries. */
  int messages() {
    return messages;
  }

  /** The first message's length: what Jetty's generated header announces. */
  @Override
  public int getPayloadLength() {
    return firstLength;
  }

  /** Gives the buffer back to its pool; once, after Jetty completed (or failed) the frame. */
  void release() {
    buffer.release();
  }

  /** RFC 6455 5.2: 7-bit length, or 126 and 16 bits, or 127 and 64 bits; servers do not mask. */
  private static int headerLength(int payloadLength) {
    if (payloadLength < 126) {
      return 2;
    }
    return payloadLength <= 0xFFFF ? 4 : 10;
  }

  private static void putHeader(ByteBuffer out, int payloadLength) {
    out.put(FIN_TEXT);
    if (payloadLength < 126) {
      out.put((byte) payloadLength);
    } else if (payloadLength <= 0xFFFF) {
      out.put((byte) 126);
      out.putShort((short) payloadLength);
    } else {
      out.put((byte) 127);
      out.putLong(payloadLength);
    }
  }
}
