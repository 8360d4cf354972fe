package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.receiver.FrameSink;
import io.fastschema.realtime.benchmarks.receiver.NioReceivers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N WebSocket connections held by this process and read by {@link NioReceivers}: one selector
 * thread walks every server frame and scans its {@code views} values without allocating, so the
 * load tool is not what limits a throughput run (Jetty's {@code WebSocketClient}, used before, was
 * the bottleneck: issue 14). What reading cost is {@link #cpuNanos}, reported beside every run.
 *
 * <p>Lifecycle: {@link #connect} → waits → {@link #close}. Thread-safe.
 */
final class LoadClients implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadClients.class);
  private static final int PARALLEL_UPGRADES = 16;
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMinutes(5);

  private final NioReceivers receivers;
  private final Closes closes;

  private LoadClients(NioReceivers receivers, Closes closes) {
    this.receivers = receivers;
    this.closes = closes;
  }

  /**
   * Opens {@code count} connections; connection {@code i} goes to {@code uriOf.apply(i)} (all to
   * one host and port).
   *
   * @throws IOException with the first failure and how many connected, if any failed
   */
  static LoadClients connect(IntFunction<URI> uriOf, String token, int count, DeliveryTally tally)
      throws IOException, InterruptedException {
    URI first = uriOf.apply(0);
    Closes closes = new Closes(tally, count);
    NioReceivers receivers = NioReceivers.start(closes, true);
    long started = System.nanoTime();
    try {
      receivers.connect(
          new InetSocketAddress(first.getHost(), first.getPort()),
          i -> {
            URI u = uriOf.apply(i);
            return u.getRawQuery() == null
                ? u.getRawPath()
                : u.getRawPath() + "?" + u.getRawQuery();
          },
          Map.of("Authorization", "Bearer " + token),
          count,
          PARALLEL_UPGRADES,
          HANDSHAKE_TIMEOUT);
    } catch (IOException | InterruptedException | RuntimeException e) {
      receivers.close();
      throw e;
    }
    LOG.info("{} connections open in {} ms", count, (System.nanoTime() - started) / 1_000_000);
    return new LoadClients(receivers, closes);
  }

  int count() {
    return receivers.count();
  }

  boolean allReceivedAny() {
    for (int i = 0; i < receivers.count(); i++) {
      if (receivers.messages(i) == 0) {
        return false;
      }
    }
    return true;
  }

  /** CPU time of the reading thread so far: the client's cost. */
  long cpuNanos() {
    return receivers.selectorCpuNanos();
  }

  /**
   * How many connections have ended, and how the first did; a run reports rather than hides them.
   */
  String closedSummary() {
    long closed = closedCount();
    return closed == 0 ? null : closed + " closed, first: " + closes.first;
  }

  long closedCount() {
    return closes.count();
  }

  @Override
  public void close() {
    try {
      receivers.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("Closing the load connections failed", e);
    }
  }

  /** Messages go to the tally; close codes are kept per connection. */
  private static final class Closes implements FrameSink {
    private final DeliveryTally tally;
    private final AtomicIntegerArray codes;
    private volatile String first;

    Closes(DeliveryTally tally, int count) {
      this.tally = tally;
      this.codes = new AtomicIntegerArray(count);
    }

    @Override
    public void message(long firstViews, int viewsKeys, long arrivedNanos) {
      tally.message(firstViews, viewsKeys, arrivedNanos);
    }

    @Override
    public void closed(int connection, int code) {
      if (codes.compareAndSet(connection, 0, code) && first == null) {
        first = "connection " + connection + " closed with " + code;
      }
    }

    long count() {
      long n = 0;
      for (int i = 0; i < codes.length(); i++) {
        if (codes.get(i) != 0) {
          n++;
        }
      }
      return n;
    }
  }
}
