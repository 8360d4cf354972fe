package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * {@link Transport} over a Jetty core WebSocket session.
 *
 * <p>Messages go to the session as frames over the message's shared UTF-8 bytes ({@link
 * EncodedText}): nothing is encoded again for every client. A batch is one frame per message: each
 * frame but the last is queued with {@code batch=true}, so Jetty's frame flusher copies it into its
 * aggregate buffer (the connection's output buffer size, which {@link FanoutServer} raises to 64
 * KiB) instead of writing it; the last frame is not batched and flushes the aggregate and itself in
 * one gathering write. Every message still is one complete text frame, so clients see exactly the
 * messages they saw before.
 */
final class JettyTransport implements Transport {

  private final CoreSession core;

  /**
   * The client's address, read at the open (the channel refuses it once closed, when it is still
   * logged); formatted only when asked: a string per connection was 60 bytes of idle heap each.
   */
  private final SocketAddress remote;

  JettyTransport(CoreSession core) {
    this.core = core;
    this.remote = core.getRemoteAddress();
  }

  @Override
  public void send(EncodedText text, SendCallback done) {
    core.sendFrame(frameOf(text), new SendCompletion(done), false);
  }

  @Override
  public void sendBatch(List<EncodedText> texts, SendCallback done) {
    BatchCompletion completion = new BatchCompletion(texts.size(), done);
    int last = texts.size() - 1;
    for (int i = 0; i <= last; i++) {
      core.sendFrame(frameOf(texts.get(i)), completion, i < last);
    }
  }

  /**
   * A whole text frame over the message's shared bytes: nothing is encoded or copied per client.
   */
  private static Frame frameOf(EncodedText text) {
    return new Frame(OpCode.TEXT, true, text.payload());
  }

  /** Adapts one frame's completion to the session's callback. */
  private record SendCompletion(SendCallback done) implements Callback {
    @Override
    public void succeeded() {
      done.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
      done.failed(cause);
    }
  }

  @Override
  public void close(int code, String reason) {
    core.close(code, CloseReason.fit(reason), Callback.NOOP);
  }

  @Override
  public String remote() {
    return String.valueOf(remote);
  }

  /**
   * Completes a batch once every frame of it completed: Jetty completes each frame exactly once, in
   * order, and fails every frame queued after a failed write.
   */
  private static final class BatchCompletion implements Callback {
    private final AtomicInteger pending;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final SendCallback done;

    BatchCompletion(int frames, SendCallback done) {
      this.pending = new AtomicInteger(frames);
      this.done = done;
    }

    @Override
    public void succeeded() {
      frameDone();
    }

    @Override
    public void failed(Throwable cause) {
      firstFailure.compareAndSet(null, cause);
      frameDone();
    }

    private void frameDone() {
      if (pending.decrementAndGet() != 0) {
        return;
      }
      Throwable failure = firstFailure.get();
      if (failure == null) {
        done.succeeded();
      } else {
        done.failed(failure);
      }
    }
  }
}
