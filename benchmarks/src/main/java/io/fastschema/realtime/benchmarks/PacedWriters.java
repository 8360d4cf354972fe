package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * W {@link ChangeWriter}s on their own threads (for the database, each on its own connection),
 * sharing one schedule: statement {@code k} of a phase is due at {@code start + k / rate} and
 * written by writer {@code k mod W}. A late statement is written at once and the schedule is kept
 * (open-loop: a slow server does not slow the writes down). Sequence numbers are {@code fromSeq +
 * k}.
 *
 * <p>Lifecycle: {@link #open} → {@link #write} calls from one thread → {@link #close}.
 */
final class PacedWriters implements AutoCloseable {

  private final List<? extends ChangeWriter> writers;
  private final WriteLog log;
  private final ExecutorService threads;

  private PacedWriters(List<? extends ChangeWriter> writers, WriteLog log) {
    this.writers = writers;
    this.log = log;
    this.threads =
        Executors.newFixedThreadPool(
            writers.size(),
            r -> {
              Thread t = new Thread(r, "load-writer");
              t.setDaemon(true);
              return t;
            });
  }

  static PacedWriters open(DatabaseCoordinates db, long anyBlogId, WriteLog log, int count)
      throws SQLException {
    List<UpdateWriter> writers = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        writers.add(UpdateWriter.open(db, anyBlogId, log));
      }
    } catch (SQLException | RuntimeException e) {
      for (UpdateWriter w : writers) {
        w.close();
      }
      throw e;
    }
    return new PacedWriters(writers, log);
  }

  /** {@code count} threads publishing through one {@link TopicFeed} (it is thread-safe). */
  static PacedWriters feeding(TopicFeed feed, WriteLog log, int count) {
    return new PacedWriters(Collections.nCopies(count, feed), log);
  }

  /** One statement on the first writer, now (priming). */
  void writeNow(int seq, Long[] rows) throws Exception {
    writers.get(0).writeRows(seq, rows);
  }

  /** Writes {@code statements} statements at {@code perSecond}; blocks until all are committed. */
  Pacing write(LoadLayout layout, int fromSeq, int statements, double perSecond) throws Exception {
    if (statements == 0) {
      return new Pacing(0, 0, 0, 0);
    }
    int w = writers.size();
    long start = System.nanoTime() + 1_000_000;
    AtomicLong maxLag = new AtomicLong();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      int writer = i;
      done.add(
          threads.submit(
              () -> {
                for (int k = writer; k < statements; k += w) {
                  long due = start + (long) (k * 1e9 / perSecond);
                  long remaining;
                  while ((remaining = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(remaining);
                  }
                  maxLag.accumulateAndGet(System.nanoTime() - due, Math::max);
                  writers.get(writer).writeRows(fromSeq + k, layout.rowsOf(k));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    return new Pacing(
        statements,
        log.startNanos(fromSeq),
        log.startNanos(fromSeq + statements - 1),
        maxLag.get());
  }

  @Override
  public void close() throws Exception {
    threads.shutdownNow();
    Exception first = null;
    for (ChangeWriter w : writers) {
      try {
        w.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
