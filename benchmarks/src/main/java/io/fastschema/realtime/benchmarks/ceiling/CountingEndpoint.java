package io.fastschema.realtime.benchmarks.ceiling;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketFrame;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Client side of one connection: counts complete text messages and their payload bytes at the frame
 * level. There is deliberately no {@code @OnWebSocketMessage}: Jetty then builds no String per
 * message, so the client's cost is frame parsing only and the measurement is the server's sending,
 * not the client's UTF-8 decoding.
 *
 * <p>Jetty calls {@link #onFrame} for one connection from one thread at a time; the counters are
 * volatile for the reader of {@link #messages()}.
 */
@WebSocket(autoDemand = true)
public final class CountingEndpoint {

  private volatile long messages;
  private volatile long payloadBytes;
  private volatile int badFrames;

  @OnWebSocketFrame
  public void onFrame(Frame frame, Callback callback) {
    byte op = frame.getOpCode();
    if (op == OpCode.TEXT || op == OpCode.CONTINUATION) {
      payloadBytes += frame.getPayloadLength();
      if (frame.isFin()) {
        messages++; // single writer (this connection's frames arrive one at a time)
      }
    } else if (op == OpCode.BINARY) {
      badFrames++;
    }
    callback.succeed();
  }

  /** Closing while the server still flushes ends in ClosedChannelException; nothing to do. */
  @OnWebSocketError
  public void onError(Throwable cause) {
    // the count stands; the driver checks that every connection was open at the window's end
  }

  long messages() {
    return messages;
  }

  long payloadBytes() {
    return payloadBytes;
  }

  int badFrames() {
    return badFrames;
  }
}
