package io.fastschema.realtime.faultdrill;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** The drill's Jetty WebSocket client, shared by every {@link SubscriberConnection}. */
final class RealtimeClients implements AutoCloseable {

  private final WebSocketClient client;

  RealtimeClients() {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("drill-ws");
    threads.setDaemon(true);
    HttpClient http = new HttpClient();
    http.setExecutor(threads);
    client = new WebSocketClient(http);
    client.setMaxTextMessageSize(16 * 1024 * 1024);
    client.setIdleTimeout(Duration.ofMinutes(10));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the WebSocket client", e);
    }
  }

  /** Opens a connection for {@code subscriber} with a bearer token; waits for the upgrade. */
  SubscriberConnection connect(Subscriber subscriber, URI uri, String token) {
    ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
    request.setHeader("Authorization", "Bearer " + token);
    SubscriberConnection connection = new SubscriberConnection(subscriber);
    try {
      client.connect(connection, request).get(15, TimeUnit.SECONDS);
      return connection;
    } catch (ExecutionException | TimeoutException | java.io.IOException e) {
      throw new IllegalStateException("could not connect " + subscriber.name() + " to " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to " + uri, e);
    }
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the WebSocket client", e);
    }
  }
}
