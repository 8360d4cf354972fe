package io.fastschema.realtime.fanout.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that start the live stream's writes, so that the Kafka consumer thread only decodes,
 * matches, encodes and queues: starting a write (framing, the flusher's locks, the socket write
 * when it completes at once) is most of a delivery's CPU, and on one thread it capped a node at
 * about 0.4M messages/s whatever the cores. Each session belongs to one lane ({@code id mod
 * lanes}), so its flushes are started in the order they were asked for; a lane takes the sessions
 * of a whole poll in one hand-over.
 *
 * <p>The consumer thread runs at most {@link #POLLS_AHEAD} polls ahead of a lane: while a lane
 * still has that many polls' sessions to start, the next hand-over waits. A node short of CPU then
 * reads Kafka more slowly, as it did when it wrote on the consumer thread, instead of filling every
 * client's queue until all of them are closed as slow consumers.
 *
 * <p>A lane busier than it is idle rests between passes ({@link WriteLinger}), so that each client
 * is written less often with more messages per write: what lets a saturated node catch up.
 *
 * <p>With 0 lanes every flush runs on the caller's thread, as before the lanes.
 *
 * <p>Thread-safe: {@link #flushAll} is called by the consumer thread; lanes run {@link
 * ClientSession#flush}, which is thread-safe.
 */
public final class WriteLanes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriteLanes.class);

  /** Told to a lane to stop once it has flushed what it was handed before. */
  private static final List<ClientSession> STOP = Collections.unmodifiableList(new ArrayList<>());

  /** Polls handed to a lane and not yet started: one being started, one waiting. */
  static final int POLLS_AHEAD = 2;

  private final List<BlockingQueue<List<ClientSession>>> handOvers = new ArrayList<>();

  /** Per lane: room for another poll's hand-over ({@link #POLLS_AHEAD} permits). */
  private final List<Semaphore> room = new ArrayList<>();

  private final List<Thread> threads = new ArrayList<>();

  private final List<WriteLinger> lingers = new ArrayList<>();

  /** One list per lane, reused by {@link #flushAll}; consumer thread only. */
  private final List<List<ClientSession>> split = new ArrayList<>();

  private volatile boolean closed;

  /**
   * @param lanes threads; 0 flushes on the caller's thread
   * @param maxRest the longest a busy lane rests between passes ({@link WriteLinger}); zero never
   */
  public WriteLanes(int lanes, Duration maxRest) {
    for (int i = 0; i < lanes; i++) {
      BlockingQueue<List<ClientSession>> handOver = new LinkedBlockingQueue<>();
      Semaphore laneRoom = new Semaphore(POLLS_AHEAD);
      handOvers.add(handOver);
      room.add(laneRoom);
      split.add(new ArrayList<>());
      WriteLinger linger = new WriteLinger(maxRest);
      lingers.add(linger);
      Thread t = new Thread(() -> run(handOver, laneRoom, linger), "fanout-write-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** A node that writes on the dispatching thread (tests, benchmarks of one thread). */
  public static WriteLanes inline() {
    return new WriteLanes(0, Duration.ZERO);
  }

  /**
   * Has every listed session's queue written; {@code sessions} may be reused once this returns.
   * Waits while a lane is {@link #POLLS_AHEAD} polls behind.
   */
  void flushAll(List<ClientSession> sessions) {
    if (threads.isEmpty() || closed) {
      for (int i = 0; i < sessions.size(); i++) {
        sessions.get(i).flush();
      }
      return;
    }
    for (int i = 0; i < sessions.size(); i++) {
      ClientSession s = sessions.get(i);
      split.get(laneOf(s)).add(s);
    }
    for (int lane = 0; lane < split.size(); lane++) {
      List<ClientSession> part = split.get(lane);
      if (!part.isEmpty()) {
        room.get(lane).acquireUninterruptibly();
        handOvers.get(lane).add(List.copyOf(part));
        part.clear();
      }
    }
  }

  /**
   * The longest rest any lane takes now, in seconds: 0 while the node keeps up; above 0 while it is
   * saturated and writes fewer, larger batches (the fanout_write_rest_seconds gauge).
   */
  public double restSeconds() {
    long longest = 0;
    for (WriteLinger linger : lingers) {
      longest = Math.max(longest, linger.restNow());
    }
    return longest / 1e9;
  }

  private int laneOf(ClientSession session) {
    return (int) Math.floorMod(session.id(), (long) threads.size());
  }

  /**
   * A lane's loop: takes every hand-over waiting (a pass), starts their writes, then rests as its
   * {@link WriteLinger} says before looking again. Taking all waiting hand-overs at once matters:
   * after a rest two polls may wait, and a second pass over the same sessions would write almost
   * nothing yet count as an idle pass.
   */
  private static void run(
      BlockingQueue<List<ClientSession>> handOver, Semaphore room, WriteLinger linger) {
    List<List<ClientSession>> pass = new ArrayList<>();
    try {
      while (true) {
        long waitStart = System.nanoTime();
        linger.waiting(true);
        pass.add(handOver.take());
        linger.waiting(false);
        long workStart = System.nanoTime();
        handOver.drainTo(pass);
        for (int p = 0; p < pass.size(); p++) {
          List<ClientSession> sessions = pass.get(p);
          if (sessions == STOP) {
            return;
          }
          for (int i = 0; i < sessions.size(); i++) {
            flushOne(sessions.get(i));
          }
          room.release();
        }
        pass.clear();
        long rest = linger.afterPass(System.nanoTime() - workStart, workStart - waitStart);
        if (rest > 0) {
          LockSupport.parkNanos(rest);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A flush that throws is a bug in the session or the transport: that client is dropped (it would
   * otherwise wait for ever for a write nobody starts), the others go on.
   */
  private static void flushOne(ClientSession session) {
    try {
      session.flush();
    } catch (RuntimeException e) {
      LOG.error("Starting the write to {} failed; dropping that connection", session, e);
      session.ended();
    }
  }

  /** Stops the lanes after what they were handed; later flushes run on the caller's thread. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    for (BlockingQueue<List<ClientSession>> h : handOvers) {
      h.add(STOP);
    }
    for (Thread t : threads) {
      t.join(5_000);
      if (t.isAlive()) {
        LOG.warn("Write lane {} still running 5 s after it was told to stop", t.getName());
      }
    }
  }
}
