package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.EncodedText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;
import org.junit.jupiter.api.Test;

/**
 * What Jetty puts on the wire for a batch handed over as one {@link CoalescedTextFrames}: Jetty's
 * own generator writes the header it derives from the frame, then the payload, exactly as its frame
 * flusher does; Jetty's own parser must then read one complete text frame per message.
 */
class CoalescedTextFramesTest {

  private final ArrayByteBufferPool pool = new ArrayByteBufferPool();

  @Test
  void jettyWritesOneWholeTextFramePerMessageForEveryLengthEncoding() {
    // lengths around the 7-bit / 16-bit boundaries, multi-byte characters, an empty message
    List<EncodedText> texts = new ArrayList<>();
    for (int length : new int[] {3, 125, 126, 127, 0, 300, 20_000, 1}) {
      texts.add(EncodedText.of("é".repeat(length / 2) + "x".repeat(length % 2)));
    }
    texts.add(EncodedText.of("{\"event\":\"update\",\"data\":{\"title\":\"€😀\"}}"));

    CoalescedTextFrames frames = CoalescedTextFrames.of(texts, 0, pool);

    assertEquals(texts.size(), frames.messages());
    assertEquals(texts.get(0).length(), frames.getPayloadLength());
    assertWholeTextFrames(texts, wire(frames));
    frames.release();
  }

  @Test
  void aBatchLargerThanAPooledBufferIsSplitWhereItFillsOne() {
    // 600 messages of 256 bytes, each further one 260 with its header: more than one buffer
    List<EncodedText> texts = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      texts.add(EncodedText.of(String.format("%0256d", i)));
    }

    List<Frame> frames = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int from = 0; from < texts.size(); ) {
      CoalescedTextFrames part = CoalescedTextFrames.of(texts, from, pool);
      assertTrue(part.getPayload().remaining() <= CoalescedTextFrames.MAX_BYTES);
      frames.addAll(wire(part));
      sizes.add(part.messages());
      from += part.messages();
      part.release();
    }

    // 256 + 503 × 260 = 131,036 bytes fit in 128 KiB; the remaining 96 go in a second part
    assertEquals(List.of(504, 96), sizes);
    assertWholeTextFrames(texts, frames);
  }

  private static void assertWholeTextFrames(List<EncodedText> texts, List<Frame> parsed) {
    assertEquals(texts.size(), parsed.size());
    for (int i = 0; i < texts.size(); i++) {
      Frame f = parsed.get(i);
      assertEquals(OpCode.TEXT, f.getOpCode(), "frame " + i);
      assertTrue(f.isFin(), "frame " + i + " is whole");
      assertFalse(f.isRsv1() || f.isRsv2() || f.isRsv3(), "frame " + i + " has no RSV bit");
      assertFalse(f.isMasked(), "servers do not mask");
      assertEquals(texts.get(i).text(), f.getPayloadAsUTF8(), "frame " + i);
    }
  }

  @Test
  void theSharedMessageBytesAreCopiedNotMoved() {
    EncodedText shared = EncodedText.of("shared by every client");
    List<EncodedText> batch = List.of(shared, EncodedText.of("second"), shared);

    CoalescedTextFrames first = CoalescedTextFrames.of(batch, 0, pool);
    CoalescedTextFrames second = CoalescedTextFrames.of(batch, 0, pool);

    assertEquals(3, wire(first).size());
    assertEquals(
        List.of("shared by every client", "second", "shared by every client"),
        wire(second).stream().map(Frame::getPayloadAsUTF8).toList());
    first.release();
    second.release();
  }

  /** Header as Jetty's generator writes it for {@code frame}, then the whole payload. */
  private static List<Frame> wire(CoalescedTextFrames frame) {
    ByteBuffer payload = frame.getPayload().slice();
    ByteBuffer bytes = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH + payload.remaining());
    new Generator().generateHeader(frame, bytes);
    int pos = BufferUtil.flipToFill(bytes);
    bytes.put(payload);
    BufferUtil.flipToFlush(bytes, pos);

    Parser parser = new Parser(new ArrayByteBufferPool());
    List<Frame> frames = new ArrayList<>();
    for (Frame.Parsed f = parser.parse(bytes); f != null; f = parser.parse(bytes)) {
      frames.add(Frame.copy(f));
    }
    assertNull(parser.parse(bytes));
    assertEquals(0, bytes.remaining(), "nothing after the last frame");
    return frames;
  }
}
