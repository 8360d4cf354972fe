package io.fastschema.realtime.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka 4 cluster running inside this JVM: one KRaft process that is both broker and
 * controller, a PLAINTEXT listener on {@code 127.0.0.1}, data in a temporary directory.
 *
 * <p>Tuned for tests on small machines: replication factor and min ISR 1 everywhere, a 4 MiB log
 * cleaner buffer (the 128 MiB default is allocated on the heap at start), few threads, no initial
 * rebalance delay, one partition for the internal topics. Topics are auto-created.
 *
 * <p>Lifecycle: {@link #start()} → ({@link #stop()} → {@link #restart()})* → {@link #close()}.
 * {@code stop}/{@code restart} keep the ports, the cluster id and the data, so clients reconnect to
 * the same bootstrap address and find their topics and offsets again. All methods are thread-safe;
 * lifecycle transitions are serialized.
 *
 * <p>Logging: unless configured otherwise, the {@code kafka}, {@code org.apache.kafka} and {@code
 * state.change.logger} loggers of slf4j-simple are set to WARN (see {@link
 * #quietLoggingUnlessConfigured()}), because the broker logs hundreds of INFO lines at start.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessKafkaBroker.class);
  private static final String HOST = "127.0.0.1";

  private final Path workDirectory;

  /**
   * Whether {@link #close()} deletes {@link #workDirectory}: only a directory this class created.
   */
  private final boolean deleteOnClose;

  private final int brokerPort;
  private final Map<String, String> config;
  private final Object lifecycleLock = new Object();

  /** The running server; null while stopped or closed. Guarded by {@link #lifecycleLock}. */
  private KafkaRaftServer server;

  /** Set once by {@link #close()}. Guarded by {@link #lifecycleLock}. */
  private boolean closed;

  /** Removes the work directory if the JVM exits without {@link #close()}. */
  private final Thread shutdownHook;

  private InProcessKafkaBroker(
      Path workDirectory, boolean deleteOnClose, int brokerPort, Map<String, String> config) {
    this.workDirectory = workDirectory;
    this.deleteOnClose = deleteOnClose;
    this.brokerPort = brokerPort;
    this.config = config;
    this.shutdownHook = new Thread(this::close, "kafka-broker-" + brokerPort + "-closer");
  }

  /** Formats a fresh log directory and starts the broker; blocks until it is unfenced (~3–4 s). */
  public static InProcessKafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Like {@link #start()}, with broker properties added or replaced, e.g. {@code
   * Map.of("num.partitions", "3")}. Listener, port and directory settings cannot be overridden.
   */
  public static InProcessKafkaBroker start(Map<String, String> overrides) {
    int[] ports = FreePorts.loopback(2);
    return start(TempDirectories.create("kafka-broker-"), true, ports[0], ports[1], overrides);
  }

  /**
   * Starts a broker on the given ports whose data lives in {@code workDirectory}, formatting it
   * only when it holds no broker yet: a broker started again on the same directory and ports, in
   * this or another JVM (after a kill -9, say), is the same broker with its topics and offsets.
   * Unlike {@link #start()}, {@link #close()} keeps the directory; the caller owns it.
   */
  public static InProcessKafkaBroker startAt(
      Path workDirectory, int brokerPort, int controllerPort, Map<String, String> overrides) {
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + workDirectory, e);
    }
    return start(workDirectory, false, brokerPort, controllerPort, overrides);
  }

  private static InProcessKafkaBroker start(
      Path workDirectory,
      boolean deleteOnClose,
      int brokerPort,
      int controllerPort,
      Map<String, String> overrides) {
    quietLoggingUnlessConfigured();
    long startedAt = System.nanoTime();
    Map<String, String> config = new LinkedHashMap<>(defaults());
    config.putAll(overrides);
    config.putAll(fixed(brokerPort, controllerPort, workDirectory.resolve("logs")));
    InProcessKafkaBroker broker =
        new InProcessKafkaBroker(workDirectory, deleteOnClose, brokerPort, Map.copyOf(config));
    try {
      // A directory that already holds a broker keeps its cluster id (format would refuse it).
      if (!Files.exists(workDirectory.resolve("logs").resolve("meta.properties"))) {
        broker.format();
      }
      synchronized (broker.lifecycleLock) {
        broker.startServer();
      }
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
    LOG.info(
        "In-process Kafka broker started on {} in {} ms",
        broker.bootstrapServers(),
        (System.nanoTime() - startedAt) / 1_000_000);
    return broker;
  }

  /**
   * Takes back the JVM shutdown hook that closes the broker: for an application that closes its
   * parts in order itself. JVM shutdown hooks run concurrently, so the broker would otherwise
   * vanish under producers that are still flushing.
   */
  public void releaseShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway.
    }
  }

  /** {@code 127.0.0.1:<port>}; stays the same across {@link #stop()} and {@link #restart()}. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** True between a start or restart and the next stop or close. */
  public boolean isRunning() {
    synchronized (lifecycleLock) {
      return server != null;
    }
  }

  /** Shuts the broker down but keeps its data, ports and cluster id. No-op when already stopped. */
  public void stop() {
    synchronized (lifecycleLock) {
      requireNotClosed();
      stopServer();
    }
  }

  /**
   * Starts the broker again on the same ports and data; stops it first if it is running. Clients
   * see a broker restart: connections drop and they reconnect to the same bootstrap address.
   */
  public void restart() {
    synchronized (lifecycleLock) {
      requireNotClosed();
      stopServer();
      startServer();
    }
  }

  /**
   * Stops the broker (if running) and deletes its data (kept when started by {@link #startAt}).
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (lifecycleLock) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        stopServer();
      } finally {
        if (deleteOnClose) {
          TempDirectories.deleteRecursively(workDirectory);
        }
      }
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // The JVM is already shutting down, or the hook was never registered (failed start).
      }
    }
  }

  @Override
  public String toString() {
    return "InProcessKafkaBroker[" + bootstrapServers() + (isRunning() ? "]" : ", stopped]");
  }

  /**
   * Sets the slf4j-simple levels of Kafka's own loggers to WARN unless a system property already
   * sets them. Only loggers created afterwards are affected, and only with slf4j-simple.
   */
  static void quietLoggingUnlessConfigured() {
    for (String logger : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  private void requireNotClosed() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private void startServer() {
    if (server != null) {
      return;
    }
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      starting.shutdown();
      starting.awaitShutdown();
      throw new IllegalStateException(
          "could not start the Kafka broker on " + bootstrapServers(), e);
    }
    server = starting;
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    KafkaRaftServer stopping = server;
    server = null;
    stopping.shutdown();
    stopping.awaitShutdown();
  }

  /**
   * Writes the meta.properties and bootstrap checkpoint the broker refuses to start without. Uses
   * {@code StorageTool.execute}: its {@code main} would call {@code System.exit}.
   */
  private void format() {
    Path propertiesFile = workDirectory.resolve("server.properties");
    Properties properties = new Properties();
    properties.putAll(config);
    try (Writer writer = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
      properties.store(writer, "in-process KRaft broker");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + propertiesFile, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                propertiesFile.toString(),
                "--ignore-formatted"
              },
              out);
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "formatting the Kafka log directory failed (exit code "
              + exitCode
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** Tuning for a one-node test cluster; callers may override these. */
  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("num.partitions", "1");
    defaults.put("default.replication.factor", "1");
    defaults.put("min.insync.replicas", "1");
    defaults.put("auto.create.topics.enable", "true");
    defaults.put("offsets.topic.replication.factor", "1");
    defaults.put("offsets.topic.num.partitions", "1");
    defaults.put("transaction.state.log.replication.factor", "1");
    defaults.put("transaction.state.log.min.isr", "1");
    defaults.put("transaction.state.log.num.partitions", "1");
    defaults.put("share.coordinator.state.topic.replication.factor", "1");
    defaults.put("share.coordinator.state.topic.min.isr", "1");
    defaults.put("share.coordinator.state.topic.num.partitions", "1");
    defaults.put("group.initial.rebalance.delay.ms", "0");
    defaults.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    defaults.put("num.network.threads", "2");
    defaults.put("num.io.threads", "2");
    defaults.put("background.threads", "2");
    defaults.put("num.recovery.threads.per.data.dir", "1");
    return defaults;
  }

  /** Identity, listeners and storage: what makes this broker this broker. */
  private static Map<String, String> fixed(int brokerPort, int controllerPort, Path logDirectory) {
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("process.roles", "broker,controller");
    fixed.put("node.id", "1");
    fixed.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    fixed.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    fixed.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    fixed.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    fixed.put("controller.listener.names", "CONTROLLER");
    fixed.put("inter.broker.listener.name", "PLAINTEXT");
    fixed.put("log.dirs", logDirectory.toString());
    return fixed;
  }
}
