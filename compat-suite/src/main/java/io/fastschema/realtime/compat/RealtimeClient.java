package io.fastschema.realtime.compat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A Jetty WebSocket client that sends handshakes exactly as a case writes them: header values
 * byte for byte (empty ones too), cookies as one {@code Cookie} line, and the
 * {@code Sec-WebSocket-Protocol} offer as one line, as browsers send it (Jetty on its own sends
 * one line per protocol).
 *
 * <p>Thread-safe; one per run, with daemon threads. {@link #close()} stops it.
 */
final class RealtimeClient implements AutoCloseable {

  private final WebSocketClient client;

  RealtimeClient() {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("compat-websocket");
    threads.setDaemon(true);
    HttpClient http = new HttpClient();
    http.setExecutor(threads);
    http.setScheduler(new ScheduledExecutorScheduler("compat-websocket-scheduler", true));
    client = new WebSocketClient(http);
    client.setMaxTextMessageSize(16 * 1024 * 1024);
    client.setIdleTimeout(Duration.ofMinutes(2));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the WebSocket client", e);
    }
  }

  /** The server answered the upgrade with a status other than 101 (0: no answer). */
  static final class UpgradeRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    UpgradeRefusedException(int status, Throwable cause) {
      super("upgrade refused with HTTP " + status, cause);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * Performs the handshake and returns the open (or immediately closing) connection.
   *
   * @param headers sent as given, replacing any Jetty would send
   * @param subprotocolLine null, or the exact {@code Sec-WebSocket-Protocol} value
   * @throws UpgradeRefusedException when the server did not answer 101
   * @throws IOException when the connection could not be made or timed out
   */
  RealtimeConnection connect(URI uri, Map<String, String> headers, String subprotocolLine,
      Duration timeout) throws UpgradeRefusedException, IOException {
    ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
    request.setTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (subprotocolLine != null) {
      // What Jetty checks the server's choice against; the line itself is rewritten below.
      List<String> offered = new ArrayList<>();
      for (String p : subprotocolLine.split(",")) {
        if (!p.isBlank()) {
          offered.add(p.strip());
        }
      }
      request.setSubProtocols(offered);
    }
    JettyUpgradeListener exact = new JettyUpgradeListener() {
      @Override
      public void onHandshakeRequest(Request r) {
        r.headers(h -> {
          headers.forEach(h::put);
          if (subprotocolLine != null) {
            h.put("Sec-WebSocket-Protocol", subprotocolLine);
          }
        });
      }
    };
    RealtimeConnection.Recorder recorder = new RealtimeConnection.Recorder();
    try {
      Session session = client.connect(recorder, request, exact)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new RealtimeConnection(recorder, session);
    } catch (ExecutionException e) {
      int status = upgradeStatus(e.getCause());
      if (status >= 0) {
        throw new UpgradeRefusedException(status, e.getCause());
      }
      throw new IOException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no upgrade from " + uri + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    }
  }

  private static int upgradeStatus(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.eclipse.jetty.websocket.api.exceptions.UpgradeException u) {
        return u.getResponseStatusCode();
      }
      if (cause instanceof org.eclipse.jetty.websocket.core.exception.UpgradeException u) {
        return u.getResponseStatusCode();
      }
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // Daemon threads: nothing is left behind that could keep the JVM alive.
    }
  }
}
