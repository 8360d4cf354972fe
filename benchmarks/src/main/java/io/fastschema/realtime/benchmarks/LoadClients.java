package io.fastschema.realtime.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N WebSocket connections held by this process on one non-blocking Jetty client: one selector set
 * and a small thread pool serve them all, no thread per connection. Handshakes are started
 * asynchronously with at most {@value #HANDSHAKES_IN_FLIGHT} in flight, so opening 20,000 takes
 * seconds, not minutes, without a connect storm.
 *
 * <p>Lifecycle: {@link #connect} → waits → {@link #close}.
 */
final class LoadClients implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadClients.class);
  private static final int HANDSHAKES_IN_FLIGHT = 200;
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

  private final WebSocketClient client;
  private final List<LoadSubscriber> subscribers;
  private final List<Session> sessions;

  private LoadClients(
      WebSocketClient client, List<LoadSubscriber> subscribers, List<Session> sessions) {
    this.client = client;
    this.subscribers = subscribers;
    this.sessions = sessions;
  }

  /**
   * Opens {@code count} connections; connection {@code i} goes to {@code uriOf.apply(i)}.
   *
   * @throws IllegalStateException with the first failure and how many connected, if any failed
   */
  static LoadClients connect(IntFunction<URI> uriOf, String token, int count, DeliveryTally tally)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(16, 4);
    threads.setName("load-client");
    HttpClient http = new HttpClient();
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(Math.max(64, count));
    WebSocketClient client = new WebSocketClient(http);
    client.setIdleTimeout(Duration.ofMinutes(30)); // idle runs hold connections for minutes
    client.setMaxTextMessageSize(16 * 1024 * 1024);
    client.start();
    List<LoadSubscriber> subscribers = new ArrayList<>(count);
    ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Semaphore inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);
    List<CompletableFuture<Session>> pending = new ArrayList<>(count);
    long started = System.nanoTime();
    for (int i = 0; i < count && failures.isEmpty(); i++) {
      inFlight.acquire();
      LoadSubscriber subscriber = new LoadSubscriber(tally);
      subscribers.add(subscriber);
      ClientUpgradeRequest request = new ClientUpgradeRequest(uriOf.apply(i));
      request.setHeader("Authorization", "Bearer " + token);
      CompletableFuture<Session> f =
          client
              .connect(subscriber, request)
              .orTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      f.whenComplete(
          (session, failure) -> {
            inFlight.release();
            if (failure != null) {
              failures.add(failure);
            } else {
              sessions.add(session);
            }
          });
      pending.add(f);
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .handle((v, e) -> null)
        .get(HANDSHAKE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    LoadClients all = new LoadClients(client, subscribers, new ArrayList<>(sessions));
    if (!failures.isEmpty()) {
      all.close();
      throw new IllegalStateException(
          sessions.size()
              + " of "
              + count
              + " connections opened, then a handshake failed: "
              + failures.peek(),
          failures.peek());
    }
    LOG.info(
        "{} connections open in {} ms",
        count,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return all;
  }

  int count() {
    return subscribers.size();
  }

  boolean allReceivedAny() {
    for (LoadSubscriber s : subscribers) {
      if (!s.receivedAny()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many connections have ended, and how the first did; a run reports rather than hides them.
   */
  String closedSummary() {
    long closed = 0;
    String first = null;
    for (LoadSubscriber s : subscribers) {
      if (s.closed() != null) {
        closed++;
        first = first == null ? s.closed() : first;
      }
    }
    return closed == 0 ? null : closed + " closed, first: " + first;
  }

  long closedCount() {
    return subscribers.stream().filter(s -> s.closed() != null).count();
  }

  @Override
  public void close() {
    for (Session session : sessions) {
      session.close(StatusCode.NORMAL, "load done", Callback.NOOP);
    }
    try {
      client.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Stopping the load WebSocket client failed", e);
    }
  }
}
