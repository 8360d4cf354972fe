package io.fastschema.realtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The slow-header attack ("slowloris"): a request line, then one header line every so often and
 * never the blank line that ends the head, so that a server restarting its idle timeout on every
 * byte holds the connection for ever. Measures how long the server keeps it.
 */
public final class SlowHeaderClient {

  private SlowHeaderClient() {}

  /**
   * Sends {@code GET target}, then a header line every {@code lineEvery}, until the server closes
   * the connection (or answers) or {@code atMost} passes.
   *
   * @return how long the server kept the connection; null if it still had it after {@code atMost}
   */
  public static Duration hold(int port, String target, Duration lineEvery, Duration atMost)
      throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout((int) Math.max(1, lineEvery.toMillis()));
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int line = 0; System.nanoTime() - start < atMost.toNanos(); line++) {
        try {
          in.read(); // -1 (closed) or a response: either way the server let go of the head
          return Duration.ofNanos(System.nanoTime() - start);
        } catch (SocketTimeoutException stillOpen) {
          // the server is still waiting for the rest of the head
        } catch (IOException reset) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        try {
          out.write(("X-Slow-" + line + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException reset) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      }
      return null;
    }
  }
}
