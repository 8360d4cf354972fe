package io.fastschema.realtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request written byte for byte on a new loopback connection, for heads no HTTP client
 * would send (oversized headers, upgrades without the client's own checks).
 */
public final class RawHttpRequest {

  private RawHttpRequest() {}

  /**
   * Sends {@code head} (request line and headers, without the blank line that ends it) and returns
   * the response head, up to and including its blank line (less if the server closed first).
   */
  public static String send(int port, String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder out = new StringBuilder();
      int b;
      while (!out.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
        out.append((char) b);
      }
      return out.toString();
    }
  }
}
