package io.fastschema.realtime.compat;

import io.fastschema.realtime.client.Handshake;
import io.fastschema.realtime.client.MessageRecorder;
import io.fastschema.realtime.client.WebSocketClients;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The suite's WebSocket client: handshakes sent exactly as a case writes them ({@link Handshake}),
 * header values byte for byte (empty ones too), cookies as one {@code Cookie} line, and the {@code
 * Sec-WebSocket-Protocol} offer as one line, as browsers send it.
 *
 * <p>Thread-safe; one per run, with daemon threads. {@link #close()} stops it.
 */
final class RealtimeClient implements AutoCloseable {

  private final WebSocketClient client =
      WebSocketClients.started("compat-websocket", Duration.ofMinutes(2));

  /**
   * Performs the handshake and returns the open (or immediately closing) connection.
   *
   * @param headers sent as given, replacing any Jetty would send
   * @param subprotocolLine null, or the exact {@code Sec-WebSocket-Protocol} value
   * @throws Handshake.RefusedException when the server did not answer 101
   * @throws IOException when the connection could not be made or timed out
   */
  RealtimeConnection connect(
      URI uri, Map<String, String> headers, String subprotocolLine, Duration timeout)
      throws Handshake.RefusedException, IOException {
    MessageRecorder recorder = new MessageRecorder();
    Session session = Handshake.connect(client, uri, headers, subprotocolLine, timeout, recorder);
    return new RealtimeConnection(recorder, session);
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
