package io.fastschema.realtime.client;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Started Jetty WebSocket clients with daemon threads: a tool or test never hangs the JVM. */
public final class WebSocketClients {

  private WebSocketClients() {}

  /**
   * A started client allowing 16 MiB text messages.
   *
   * @param name names its threads ({@code name}, {@code name-scheduler})
   * @param idleTimeout how long a silent connection stays open
   */
  public static WebSocketClient started(String name, Duration idleTimeout) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName(name);
    threads.setDaemon(true);
    HttpClient http = new HttpClient();
    http.setExecutor(threads);
    http.setScheduler(new ScheduledExecutorScheduler(name + "-scheduler", true));
    WebSocketClient client = new WebSocketClient(http);
    client.setMaxTextMessageSize(16 * 1024 * 1024);
    client.setIdleTimeout(idleTimeout);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the WebSocket client " + name, e);
    }
    return client;
  }
}
