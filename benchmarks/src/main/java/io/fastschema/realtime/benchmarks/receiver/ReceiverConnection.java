package io.fastschema.realtime.benchmarks.receiver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upgraded connection's read side: walks the server's frames (unmasked, RFC 6455 §5.2) as bytes
 * arrive, counting text messages and payload bytes without copying or decoding them. Only when
 * views scanning is on are payload bytes looked at, by a streaming matcher for {@code
 * "views":<digits>} that works across read boundaries and keeps no buffer.
 *
 * <p>Thread-safety: {@link #consume} runs on one selector thread; the counters are published with
 * release semantics once per read, so other threads read a recent value without a fence per
 * message.
 */
final class ReceiverConnection {

  private static final byte[] KEY = {'"', 'v', 'i', 'e', 'w', 's', '"', ':'};
  private static final int OP_CONTINUATION = 0;
  private static final int OP_TEXT = 1;
  private static final int OP_CLOSE = 8;
  private static final int OP_PING = 9;
  private static final VarHandle MESSAGES;
  private static final VarHandle PAYLOAD_BYTES;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      MESSAGES = l.findVarHandle(ReceiverConnection.class, "messages", long.class);
      PAYLOAD_BYTES = l.findVarHandle(ReceiverConnection.class, "payloadBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final SocketChannel channel;
  final int index;

  /**
   * Set by whichever thread closes the channel first (selector on EOF, or the owner at the end).
   */
  final AtomicBoolean ended = new AtomicBoolean();

  private final boolean scanViews;

  private final byte[] header = new byte[14];
  private int headerLength;
  private boolean inFrame;
  private long remaining;
  private int opcode;
  private boolean fin;

  /** Opcode of the message a continuation frame belongs to. */
  private int messageOpcode;

  @SuppressWarnings("unused") // through MESSAGES
  private long messages;

  @SuppressWarnings("unused") // through PAYLOAD_BYTES
  private long payloadBytes;

  private int nonTextFrames;
  private boolean pingSeen;
  private int closeCode = -1;
  private int closeCodeBytes;

  private int keyMatched;
  private boolean inNumber;
  private long number;
  private int digits;
  private long firstViews = -1;
  private int viewsKeys;

  ReceiverConnection(SocketChannel channel, int index, boolean scanViews) {
    this.channel = channel;
    this.index = index;
    this.scanViews = scanViews;
  }

  /**
   * Walks {@code buf} (position → limit) and reports complete text messages to {@code sink}.
   *
   * @return true when the server sent a close frame (the caller closes the channel)
   */
  boolean consume(ByteBuffer buf, long arrivedNanos, FrameSink sink) {
    long count = (long) MESSAGES.getOpaque(this);
    long bytes = (long) PAYLOAD_BYTES.getOpaque(this);
    boolean closed = false;
    while (true) {
      if (!inFrame) {
        if (!readHeader(buf)) {
          break;
        }
        inFrame = true;
      }
      if (remaining > 0) {
        if (!buf.hasRemaining()) {
          break;
        }
        int n = (int) Math.min(remaining, buf.remaining());
        if (opcode == OP_CLOSE) {
          readCloseCode(buf, n);
        } else if (scanViews && isText()) {
          scan(buf, n);
        } else {
          buf.position(buf.position() + n);
        }
        remaining -= n;
        if (isText()) {
          bytes += n;
        }
        if (remaining > 0) {
          break;
        }
      }
      inFrame = false; // the frame's payload is complete (or it had none)
      if (opcode == OP_CLOSE) {
        if (closeCode < 0) {
          closeCode = 1005; // no status code in the close frame
        }
        closed = true;
        sink.closed(index, closeCode);
        break;
      }
      if (opcode == OP_PING) {
        pingSeen = true;
      }
      if (isText() && fin) {
        count++;
        finishScan();
        sink.message(firstViews, viewsKeys, arrivedNanos);
        firstViews = -1;
        viewsKeys = 0;
      }
    }
    MESSAGES.setRelease(this, count);
    PAYLOAD_BYTES.setRelease(this, bytes);
    return closed;
  }

  /**
   * Collects a frame header, across reads if need be; true when it is complete (then {@link
   * #remaining} is its payload length).
   */
  private boolean readHeader(ByteBuffer buf) {
    while (headerLength < 2 && buf.hasRemaining()) {
      header[headerLength++] = buf.get();
    }
    if (headerLength < 2) {
      return false;
    }
    int len7 = header[1] & 0x7F;
    int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    while (headerLength < need && buf.hasRemaining()) {
      header[headerLength++] = buf.get();
    }
    if (headerLength < need) {
      return false;
    }
    long length;
    if (len7 == 126) {
      length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    } else if (len7 == 127) {
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = (length << 8) | (header[i] & 0xFF);
      }
    } else {
      length = len7;
    }
    fin = (header[0] & 0x80) != 0;
    opcode = header[0] & 0x0F;
    if (opcode != OP_CONTINUATION && opcode < OP_CLOSE) {
      messageOpcode = opcode;
    }
    if (opcode != OP_CONTINUATION && opcode != OP_TEXT && opcode < OP_CLOSE) {
      nonTextFrames++;
    }
    remaining = length;
    headerLength = 0;
    return true;
  }

  private boolean isText() {
    return opcode == OP_TEXT || (opcode == OP_CONTINUATION && messageOpcode == OP_TEXT);
  }

  private void readCloseCode(ByteBuffer buf, int n) {
    for (int i = 0; i < n; i++) {
      byte b = buf.get();
      if (closeCodeBytes < 2) {
        closeCode = closeCodeBytes == 0 ? (b & 0xFF) << 8 : closeCode | (b & 0xFF);
        closeCodeBytes++;
      }
    }
  }

  /** The streaming {@code "views":} matcher over {@code n} payload bytes. */
  private void scan(ByteBuffer buf, int n) {
    int p = buf.position();
    int end = p + n;
    for (; p < end; p++) {
      byte b = buf.get(p);
      if (inNumber) {
        if (b >= '0' && b <= '9') {
          number = number * 10 + (b - '0');
          digits++;
          continue;
        }
        if (digits == 0 && b == ' ') {
          continue;
        }
        finishScan();
      }
      if (b == KEY[keyMatched]) {
        if (++keyMatched == KEY.length) {
          keyMatched = 0;
          viewsKeys++;
          inNumber = true;
          number = 0;
          digits = 0;
        }
      } else {
        keyMatched = b == KEY[0] ? 1 : 0;
      }
    }
    buf.position(end);
  }

  private void finishScan() {
    if (inNumber && digits > 0 && firstViews < 0) {
      firstViews = number;
    }
    inNumber = false;
    keyMatched = 0;
  }

  long messages() {
    return (long) MESSAGES.getAcquire(this);
  }

  long payloadBytes() {
    return (long) PAYLOAD_BYTES.getAcquire(this);
  }

  /** Binary frames seen: the benchmarks expect text only. Read after the selector stopped. */
  int nonTextFrames() {
    return nonTextFrames;
  }

  /** True once after each ping: the selector thread answers with a pong. */
  boolean takePing() {
    boolean p = pingSeen;
    pingSeen = false;
    return p;
  }
}
