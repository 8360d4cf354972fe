package io.fastschema.realtime.benchmarks.ceiling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;

/**
 * {@link SendMode#INLINE}: the publisher thread itself writes each message to each connection in
 * turn and waits for the write to complete before the next, the way a Kafka poll thread that sent
 * to clients directly would. One slow socket stalls everyone, which is why fanout does not do it;
 * this shows what it would cost in throughput even with fast clients.
 *
 * <p>Thread-safe; one thread ({@code ceiling-inline-publisher}) sends.
 */
final class InlinePublisher implements Publisher {

  /** A write not completed in this long means the client stopped reading: give up on the run. */
  private static final long WRITE_TIMEOUT_MS = 30_000;

  private final List<CoreSession> sessions;
  private final LongAdder sent = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;

  InlinePublisher(List<WebSocketSession> sessions) {
    this.sessions = sessions.stream().map(WebSocketSession::getCoreSession).toList();
    this.thread = new Thread(this::run, "ceiling-inline-publisher");
    thread.setDaemon(true);
  }

  @Override
  public void start() {
    thread.start();
  }

  private void run() {
    try {
      while (!stopping) {
        for (CoreSession session : sessions) {
          Callback.Completable written = new Callback.Completable();
          session.sendFrame(BroadcastFrame.newFrame(), written, false);
          try {
            written.get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            sent.increment();
          } catch (ExecutionException e) {
            failures.increment();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException("inline publisher still writing " + timeout + " after stop");
    }
    if (failure != null) {
      throw new IllegalStateException(
          "inline publisher failed after " + sent.sum() + " frames", failure);
    }
  }

  @Override
  public long framesSent() {
    return sent.sum();
  }

  @Override
  public long failures() {
    return failures.sum();
  }
}
