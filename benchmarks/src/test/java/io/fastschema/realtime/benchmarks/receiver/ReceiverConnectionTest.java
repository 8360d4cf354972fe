package io.fastschema.realtime.benchmarks.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame walker the throughput benchmarks count with: server frames of every length encoding,
 * split at every possible read boundary, counted once each, with their {@code views} values read.
 */
class ReceiverConnectionTest {

  private static final String OBJECT =
      "{\"event\":\"update\",\"data\":{\"id\":7,\"title\":\"a \\\"views\\\"\","
          + "\"views\":1000000042,\"published\":true}}";
  private static final String ARRAY =
      "{\"event\":\"update\",\"data\":[{\"id\":1,\"views\": 5},{\"id\":2,\"views\":5}]}";
  private static final String NONE = "failed to serialize message: x";

  /** What the sink saw: firstViews/viewsKeys per message, and close codes. */
  private static final class Recorder implements FrameSink {
    final List<String> messages = new ArrayList<>();
    final List<Integer> closes = new ArrayList<>();

    @Override
    public void message(long firstViews, int viewsKeys, long arrivedNanos) {
      messages.add(firstViews + "/" + viewsKeys);
    }

    @Override
    public void closed(int connection, int code) {
      closes.add(code);
    }
  }

  @Test
  void countsMessagesAndReadsViewsAcrossEveryReadBoundary() {
    String big = "{\"views\":77," + "\"x\":\"" + "y".repeat(70_000) + "\"}";
    byte[] stream =
        concat(
            text(OBJECT),
            ping(),
            text(ARRAY),
            text(NONE),
            text(big), // 64-bit length
            fragmented("{\"id\":1,\"vi", "ews\":12}"),
            text(""));
    int expectedPayload =
        (OBJECT + ARRAY + NONE + big + "{\"id\":1,\"views\":12}")
            .getBytes(StandardCharsets.UTF_8)
            .length;
    List<String> expected = List.of("1000000042/1", "5/2", "-1/0", "77/1", "12/1", "-1/0");
    for (int split = 1; split < 400; split += 7) {
      Recorder sink = new Recorder();
      ReceiverConnection c = new ReceiverConnection(null, 0, true);
      for (int at = 0; at < stream.length; at += split) {
        int n = Math.min(split, stream.length - at);
        assertFalse(c.consume(ByteBuffer.wrap(stream, at, n), 0, sink));
      }
      assertEquals(expected, sink.messages, "split every " + split + " bytes");
      assertEquals(6, c.messages());
      assertEquals(expectedPayload, c.payloadBytes());
      assertEquals(0, c.nonTextFrames());
    }
  }

  @Test
  void withoutScanningCountsOnlyAndReportsTheCloseCode() {
    Recorder sink = new Recorder();
    ReceiverConnection c = new ReceiverConnection(null, 3, false);
    byte[] stream = concat(text(OBJECT), binary(), close(4008), text(ARRAY));
    assertTrue(c.consume(ByteBuffer.wrap(stream), 0, sink));
    assertEquals(List.of("-1/0"), sink.messages);
    assertEquals(List.of(4008), sink.closes);
    assertEquals(1, c.messages());
    assertEquals(1, c.nonTextFrames());
  }

  @Test
  void answersPingsOnce() {
    ReceiverConnection c = new ReceiverConnection(null, 0, false);
    c.consume(ByteBuffer.wrap(ping()), 0, FrameSink.NONE);
    assertTrue(c.takePing());
    assertFalse(c.takePing());
  }

  private static byte[] text(String s) {
    return frame(0x81, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] fragmented(String first, String second) {
    return concat(
        frame(0x01, first.getBytes(StandardCharsets.UTF_8)),
        ping(), // control frames may come between fragments
        frame(0x80, second.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] ping() {
    return frame(0x89, new byte[] {1, 2});
  }

  private static byte[] binary() {
    return frame(0x82, new byte[] {1, 2, 3});
  }

  private static byte[] close(int code) {
    return frame(0x88, new byte[] {(byte) (code >> 8), (byte) code, 'b', 'y', 'e'});
  }

  private static byte[] frame(int first, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first);
    int n = payload.length;
    if (n < 126) {
      out.write(n);
    } else if (n < 65536) {
      out.write(126);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) n >> shift));
      }
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
