package io.fastschema.realtime.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class SocketsOfTest {

  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void countsThisProcesssConnectionsToAPortAndNoneToAnother() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        ServerSocket other = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      assertEquals(0, SocketsOf.connectionsTo(SELF, server.getLocalPort()));
      try (Socket a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          Socket b = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
          Socket accepted = server.accept()) {
        // the accepted side's remote port is a's or b's local port, not the server's
        assertEquals(2, SocketsOf.connectionsTo(SELF, server.getLocalPort()));
        assertEquals(0, SocketsOf.connectionsTo(SELF, other.getLocalPort()));
      }
    }
  }
}
