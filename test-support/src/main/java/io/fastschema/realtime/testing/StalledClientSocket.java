package io.fastschema.realtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WebSocket client that completes the handshake and then reads nothing until told to: the stalled
 * client a server must survive. A tiny receive buffer makes the server's writes back up soon. Reads
 * frames itself (server frames are unmasked), so it can see what arrives after the stall, including
 * the close frame.
 */
public final class StalledClientSocket implements AutoCloseable {

  /** What arrived: text messages, then the close frame if one came. */
  public record Received(List<String> messages, Integer closeCode, String closeReason) {}

  private final Socket socket;
  private final DataInputStream in;
  private final Map<String, String> responseHeaders;

  private StalledClientSocket(
      Socket socket, DataInputStream in, Map<String, String> responseHeaders) {
    this.socket = socket;
    this.in = in;
    this.responseHeaders = responseHeaders;
  }

  public static StalledClientSocket open(int port, String pathAndQuery, String token)
      throws IOException {
    return open(port, pathAndQuery, token, Map.of());
  }

  /** Opens with more request headers, each sent as given ({@code Sec-WebSocket-Extensions}, …). */
  public static StalledClientSocket open(
      int port, String pathAndQuery, String token, Map<String, String> headers) throws IOException {
    StringBuilder extra = new StringBuilder();
    headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096); // before connect, so the window stays small
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    String key =
        Base64.getEncoder()
            .encodeToString(
                "stalled-client-16".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: "
                + key
                + "\r\nAuthorization: Bearer "
                + token
                + "\r\n"
                + extra
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    String status = readLine(in);
    if (!status.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("upgrade refused: " + status);
    }
    Map<String, String> response = new TreeMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      response.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return new StalledClientSocket(socket, in, response);
  }

  /** The 101 response's headers, names in lower case. */
  public Map<String, String> responseHeaders() {
    return responseHeaders;
  }

  private static String readLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /**
   * Reads frames until a text message arrives and returns it; a close frame or the end of the
   * stream first is an {@link IOException} naming what came instead. For tests that drive the
   * handshake byte for byte and then read like a client.
   */
  public String nextText(java.time.Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    while (true) {
      Frame frame = readFrame();
      int opcode = frame.opcode();
      byte[] payload = frame.payload();
      if (opcode == 0x8) {
        throw new IOException(
            "closed instead of a message: "
                + (payload.length >= 2
                    ? (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF))
                        + " "
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                    : "no code"));
      }
      if (opcode == 0x1) {
        if (frame.firstByte() != 0x81) {
          // FIN and no RSV bit: the node negotiates no extension, so nothing is fragmented or
          // compressed.
          throw new IOException(
              "a text frame that is not one whole plain message: first byte 0x"
                  + Integer.toHexString(frame.firstByte()));
        }
        return new String(payload, StandardCharsets.UTF_8);
      }
    }
  }

  private record Frame(int firstByte, int opcode, byte[] payload) {}

  /** One server frame (unmasked). */
  private Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7F;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0, b0 & 0x0F, payload);
  }

  /** Reads everything until the close frame or the end of the stream. */
  public Received readAll() throws IOException {
    socket.setSoTimeout(30_000);
    List<String> messages = new ArrayList<>();
    try {
      while (true) {
        Frame frame = readFrame();
        int opcode = frame.opcode();
        byte[] payload = frame.payload();
        int b0 = frame.firstByte();
        if (opcode == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
          String reason =
              payload.length > 2
                  ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                  : "";
          return new Received(messages, code, reason);
        }
        if (opcode == 0x1) {
          if ((b0 & 0x80) == 0) {
            throw new IOException("fragmented text frames are not expected from this server");
          }
          messages.add(new String(payload, StandardCharsets.UTF_8));
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return new Received(messages, null, null); // aborted without a close frame
    }
  }

  /**
   * Sends one text frame, masked as a client must; blocks once the server stops reading (its
   * receive window full). For attacks that send while never reading.
   */
  public void sendText(String text) throws IOException {
    sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8)); // FIN, text
  }

  /** Sends a ping (control frames carry at most 125 bytes), masked as a client must. */
  public void sendPing(byte[] payload) throws IOException {
    if (payload.length > 125) {
      throw new IllegalArgumentException("a ping carries at most 125 bytes, not " + payload.length);
    }
    sendFrame(0x89, payload); // FIN, ping
  }

  /**
   * Reads frames until a pong arrives and returns its payload, skipping text frames; a close frame
   * or the end of the stream first is an {@link IOException}.
   */
  public byte[] nextPong(java.time.Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    while (true) {
      Frame frame = readFrame();
      if (frame.opcode() == 0x8) {
        throw new IOException("closed while a pong was awaited");
      }
      if (frame.opcode() == 0xA) {
        return frame.payload();
      }
    }
  }

  private void sendFrame(int firstByte, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(firstByte);
    int len = payload.length;
    if (len < 126) {
      frame.write(0x80 | len);
    } else if (len < 65536) {
      frame.write(0x80 | 126);
      frame.write(len >>> 8);
      frame.write(len & 0xFF);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) len >>> shift) & 0xFF));
      }
    }
    byte[] mask = {0x5A, 0x13, 0x77, 0x2C};
    frame.write(mask, 0, 4);
    for (int i = 0; i < len; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    OutputStream out = socket.getOutputStream();
    frame.writeTo(out);
    out.flush();
  }

  /**
   * What {@link #sendUntilDropped} saw.
   *
   * @param droppedAfter time until a write failed because the server dropped the connection; null
   *     if it was still open when the sender gave up
   * @param bytesSent payload bytes written meanwhile
   */
  public record Sending(java.time.Duration droppedAfter, long bytesSent) {}

  /**
   * Sends {@code text} frame after frame, never reading, until a write fails (the server dropped
   * the connection) or {@code atMost} passes (then the socket is closed here).
   */
  public Sending sendUntilDropped(String text, java.time.Duration atMost) {
    long start = System.nanoTime();
    java.util.concurrent.atomic.AtomicBoolean gaveUp =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(atMost.toMillis());
                gaveUp.set(true);
                socket.close(); // unblocks a write the server no longer reads
              } catch (InterruptedException | IOException done) {
                // the sender finished first, or the socket is closed already
              }
            },
            "stalled-client-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    long sent = 0;
    try {
      while (true) {
        sendText(text);
        sent += text.length();
      }
    } catch (IOException e) {
      return new Sending(
          gaveUp.get() ? null : java.time.Duration.ofNanos(System.nanoTime() - start), sent);
    } finally {
      watchdog.interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
