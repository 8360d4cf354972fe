package io.fastschema.realtime.faultdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka broker JVM ({@link KafkaBrokerMain}) with a fixed directory and fixed ports, so that a
 * broker killed with SIGKILL comes back as the same broker: same bootstrap address, topics,
 * committed offsets. Not thread-safe.
 */
final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final Path directory;
  private final Path logDirectory;
  private final int brokerPort;
  private final int controllerPort;
  private ChildProcess process;
  private int launches;

  private KafkaBrokerProcess(
      Path directory, Path logDirectory, int brokerPort, int controllerPort) {
    this.directory = directory;
    this.logDirectory = logDirectory;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  static KafkaBrokerProcess start(Path directory, Path logDirectory) {
    KafkaBrokerProcess broker =
        new KafkaBrokerProcess(directory, logDirectory, freePort(), freePort());
    broker.launch();
    return broker;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** SIGKILL: the broker gets no chance to flush or hand over. */
  void kill9() {
    process.kill9();
  }

  /**
   * Starts the broker JVM again on the same directory and ports; returns when it accepts clients.
   */
  void launch() {
    launches++;
    process =
        ChildProcess.launch(
            launches == 1 ? "kafka" : "kafka-" + launches,
            List.of(
                ChildProcess.javaExecutable(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                directory.toString(),
                String.valueOf(brokerPort),
                String.valueOf(controllerPort)),
            Map.of(),
            logDirectory);
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (!process.logContains(KafkaBrokerMain.READY)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Kafka broker "
                + process
                + " not ready within "
                + START_LIMIT
                + "; log tail:\n"
                + process.logTail(40));
      }
      Sleep.millis(100);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
