package io.fastschema.realtime.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A WebSocket handshake sent exactly as given: header values byte for byte (empty ones too), and
 * the {@code Sec-WebSocket-Protocol} offer as one line, as browsers and Node's {@code ws} send it
 * (Jetty on its own sends one line per protocol, and FastSchema only finds a token when that single
 * line starts with {@code Authorization,}).
 */
public final class Handshake {

  private Handshake() {}

  /** The server answered the upgrade with a status other than 101. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    RefusedException(int status, Throwable cause) {
      super("upgrade refused with HTTP " + status, cause);
      this.status = status;
    }

    /** The HTTP status of the refused upgrade, or 0 if no response arrived. */
    public int status() {
      return status;
    }
  }

  /**
   * Performs the handshake; the returned session is open, or closing at once.
   *
   * @param headers sent as given, replacing any Jetty would send
   * @param subprotocolLine null, or the exact {@code Sec-WebSocket-Protocol} value
   * @throws RefusedException when the server did not answer 101
   * @throws IOException when the connection could not be made, timed out or was interrupted
   */
  public static Session connect(
      WebSocketClient client,
      URI uri,
      Map<String, String> headers,
      String subprotocolLine,
      Duration timeout,
      MessageRecorder recorder)
      throws RefusedException, IOException {
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
    JettyUpgradeListener exact =
        new JettyUpgradeListener() {
          @Override
          public void onHandshakeRequest(Request r) {
            r.headers(
                h -> {
                  headers.forEach(h::put);
                  if (subprotocolLine != null) {
                    h.put("Sec-WebSocket-Protocol", subprotocolLine);
                  }
                });
          }
        };
    try {
      return client
          .connect(recorder, request, exact)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      int status = upgradeStatus(e.getCause());
      if (status >= 0) {
        throw new RefusedException(status, e.getCause());
      }
      throw new IOException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no upgrade from " + uri + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    }
  }

  /** The HTTP status of a refused upgrade in a failure's causes, or -1 when it is none. */
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
}
