package io.fastschema.realtime.benchmarks.ceiling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The one message every client receives: an {@code update} of one blog row as fanout would send it
 * ({@code {"event":"update","data":[{...}]}}, about 300 bytes), encoded to UTF-8 once. Each send
 * gets its own read-only view of the same bytes, because Jetty advances the payload buffer's
 * position while writing it; the bytes themselves are never copied or re-encoded, so the
 * measurement is of WebSocket framing and socket writes only.
 */
final class BroadcastFrame {

  static final String TEXT =
      "{\"event\":\"update\",\"data\":[{\"id\":1,\"title\":\"Hello FastSchema\","
          + "\"body\":\"First post.\",\"views\":1042,\"published\":true,"
          + "\"published_at\":\"2025-01-02T03:04:05Z\",\"status\":\"published\","
          + "\"category_id\":\"0190b6a8-5b7e-7c2d-8f3a-1234567890ab\","
          + "\"created_at\":\"2025-01-02T03:04:05Z\",\"updated_at\":\"2025-06-07T08:09:10.123456Z\"}]}";

  private static final ByteBuffer PAYLOAD =
      ByteBuffer.wrap(TEXT.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();

  private BroadcastFrame() {}

  static int payloadBytes() {
    return PAYLOAD.remaining();
  }

  /**
   * {@code frames} complete text frames back to back, as they go on the wire from server to client
   * (FIN + TEXT, unmasked, 16-bit extended length): for writing past Jetty's framing.
   */
  static ByteBuffer preframed(int frames) {
    int payload = payloadBytes();
    if (payload < 126 || payload > 65535) {
      throw new IllegalStateException(
          "pre-framing assumes a 126..65535-byte payload, have " + payload);
    }
    ByteBuffer out = ByteBuffer.allocateDirect(frames * (payload + 4));
    for (int i = 0; i < frames; i++) {
      out.put((byte) 0x81).put((byte) 126).putShort((short) payload).put(PAYLOAD.duplicate());
    }
    return out.flip().asReadOnlyBuffer();
  }

  /** A complete (FIN) text frame over the shared payload. */
  static Frame newFrame() {
    return new Frame(OpCode.TEXT, true, PAYLOAD.duplicate());
  }
}
