package io.fastschema.realtime.benchmarks.ceiling;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * {@link SendMode#BATCHED}, {@link SendMode#FLUSHED} and {@link SendMode#PREFRAMED}: one pump per
 * connection, each keeping exactly one write (a batch plus its flush, one frame, or one pre-framed
 * buffer) in flight and starting the next from the completion of the previous, as fanout's
 * per-client queue does.
 *
 * <p>Fairness: when the socket takes the write at once, Jetty completes it on the calling thread,
 * so a pump whose client keeps up could loop on one thread and starve the others; every {@link
 * #YIELD_EVERY}-th frame (every batch in batched mode) the next write is therefore handed to the
 * executor instead. The hand-off costs one task per 64 frames, so it does not move the numbers.
 *
 * <p>Thread-safe: each pump's state is touched by one thread at a time (the completion chain).
 */
final class ConnectionPumps implements Publisher {

  private static final int YIELD_EVERY = 64;

  private final List<Pump> pumps;
  private final Executor executor;
  private final LongAdder sent = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean stopping;

  /**
   * @param mode anything but {@link SendMode#INLINE}
   * @param framesPerBatch frames per flush in batched mode, per buffer in pre-framed mode
   */
  ConnectionPumps(
      List<WebSocketSession> sessions, SendMode mode, int framesPerBatch, Executor executor) {
    if (mode == SendMode.INLINE) {
      throw new IllegalArgumentException("inline sending has no per-connection pump");
    }
    this.executor = executor;
    ByteBuffer preframed =
        mode == SendMode.PREFRAMED ? BroadcastFrame.preframed(framesPerBatch) : null;
    this.pumps =
        sessions.stream()
            .map(s -> new Pump(s.getCoreSession(), mode, framesPerBatch, preframed))
            .toList();
  }

  @Override
  public void start() {
    running.set(pumps.size());
    for (Pump p : pumps) {
      executor.execute(p::next);
    }
  }

  @Override
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            running.get()
                + " of "
                + pumps.size()
                + " connections still have a write outstanding "
                + timeout
                + " after stop");
      }
      TimeUnit.MILLISECONDS.sleep(5);
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

  private final class Pump {
    private final CoreSession session;
    private final SendMode mode;
    private final int framesPerBatch;

    /** Pre-framed mode: the socket under the session, and the frames already encoded. */
    private final EndPoint endPoint;

    private final ByteBuffer preframed;
    private final Callback frameDone;
    private final Callback batchDone;
    private int sinceYield;

    Pump(CoreSession session, SendMode mode, int framesPerBatch, ByteBuffer preframed) {
      this.session = session;
      this.mode = mode;
      this.framesPerBatch = framesPerBatch;
      this.preframed = preframed;
      this.endPoint =
          mode == SendMode.PREFRAMED
              ? ((WebSocketCoreSession) session).getConnection().getEndPoint()
              : null;
      this.frameDone = Callback.from(this::frameSent, this::failed);
      this.batchDone = Callback.from(this::batchSent, this::failed);
    }

    void next() {
      if (stopping || !session.isOutputOpen()) {
        running.decrementAndGet();
        return;
      }
      if (mode == SendMode.PREFRAMED) {
        // Straight to the socket, past Jetty's frame flusher: nothing else is ever sent on these
        // connections during the run (no pings), so the byte stream stays valid WebSocket.
        endPoint.write(batchDone, preframed.duplicate());
      } else if (mode == SendMode.BATCHED) {
        // Frames only land in the aggregation buffer; the flush writes it (and any frame that
        // did not fit). Completion of the flush means all of them were written.
        for (int i = 0; i < framesPerBatch; i++) {
          session.sendFrame(BroadcastFrame.newFrame(), Callback.NOOP, true);
        }
        session.flush(batchDone);
      } else {
        session.sendFrame(BroadcastFrame.newFrame(), frameDone, false);
      }
    }

    private void frameSent() {
      sent.increment();
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        executor.execute(this::next);
      } else {
        next();
      }
    }

    private void batchSent() {
      sent.add(framesPerBatch);
      executor.execute(this::next);
    }

    private void failed(Throwable cause) {
      failures.increment();
      running.decrementAndGet();
    }
  }
}
