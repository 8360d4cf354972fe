package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.Transport;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * {@link Transport} over a Jetty WebSocket session.
 *
 * <p>Batches go to Jetty's core session, because the Jetty API session flushes every message on its
 * own: each frame but the last is queued with {@code batch=true}, so Jetty's frame flusher copies
 * it into its aggregate buffer (the connection's output buffer size, which {@link FanoutServer}
 * raises to 64 KiB) instead of writing it; the last frame is not batched and flushes the aggregate
 * and itself in one gathering write. Every message still is one complete text frame, so clients see
 * exactly the messages they saw before.
 */
final class JettyTransport implements Transport {

  private final Session session;

  /** Jetty's core session under {@link #session}; null if Jetty hands us another implementation. */
  private final CoreSession core;

  private final String remote;

  JettyTransport(Session session) {
    this.session = session;
    this.core = session instanceof WebSocketSession w ? w.getCoreSession() : null;
    this.remote = String.valueOf(session.getRemoteSocketAddress());
  }

  @Override
  public void send(String text, SendCallback done) {
    session.sendText(text, Callback.from(done::succeeded, done::failed));
  }

  @Override
  public void sendBatch(List<String> texts, SendCallback done) {
    BatchCompletion completion = new BatchCompletion(texts.size(), done);
    int last = texts.size() - 1;
    for (int i = 0; i <= last; i++) {
      if (core != null) {
        core.sendFrame(new Frame(OpCode.TEXT, texts.get(i)), completion, i < last);
      } else {
        session.sendText(texts.get(i), Callback.from(completion::succeeded, completion::failed));
      }
    }
  }

  @Override
  public void close(int code, String reason) {
    session.close(code, CloseReason.fit(reason), Callback.NOOP);
  }

  @Override
  public String remote() {
    return remote;
  }

  /**
   * Completes a batch once every frame of it completed: Jetty completes each frame exactly once, in
   * order, and fails every frame queued after a failed write.
   */
  private static final class BatchCompletion implements org.eclipse.jetty.util.Callback {
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
