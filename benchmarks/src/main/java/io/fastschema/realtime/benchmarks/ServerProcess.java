package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server under test in its own JVM (same classpath as this one, its own heap and GC), so its CPU
 * and heap are measured apart from the database, Kafka, ingest and the load clients. Output goes to
 * {@code <results>/<server>-<n>.log}.
 *
 * <p>Lifecycle: {@link #start} (returns once {@code /readyz} answers 200) → {@link #close}.
 */
final class ServerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final ServerUnderTest kind;
  private final Process process;
  private final int port;

  /** Where {@code /metrics} is: the fanout's management port, the baseline's own port. */
  private final int metricsPort;

  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerProcess(
      ServerUnderTest kind, Process process, int port, int metricsPort, Path log) {
    this.kind = kind;
    this.process = process;
    this.port = port;
    this.metricsPort = metricsPort;
    this.log = log;
  }

  static ServerProcess start(
      ServerUnderTest kind,
      EmbeddedStack stack,
      String heap,
      int baselinePool,
      Path logDir,
      int runNumber)
      throws Exception {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap,
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                kind.mainClass()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("APP_KEY", stack.appKey());
    env.put("FASTSCHEMA_DIR", stack.appDir().toString());
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    env.put("REALTIME_PORT", Integer.toString(port));
    int metricsPort = kind == ServerUnderTest.FASTSCHEMA ? port : freePort();
    env.put("REALTIME_MANAGEMENT_PORT", Integer.toString(metricsPort));
    env.put("REALTIME_BIND_ADDRESS", "127.0.0.1");
    env.put("REALTIME_TOPIC_PREFIX", stack.topicPrefix());
    if (kind == ServerUnderTest.FASTSCHEMA) {
      var db = stack.appDb();
      env.put("DB_HOST", db.host());
      env.put("DB_PORT", Integer.toString(db.port()));
      env.put("DB_NAME", db.database());
      env.put("DB_USER", db.user());
      env.put("DB_PASS", db.password());
      env.put("BASELINE_DB_POOL_SIZE", Integer.toString(baselinePool));
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(kind.wireName() + "-" + runNumber + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    ServerProcess server = new ServerProcess(kind, process, port, metricsPort, log);
    try {
      server.awaitReady();
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    LOG.info(
        "{} server ready: pid {}, port {}, heap {}", kind.wireName(), process.pid(), port, heap);
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            kind.wireName()
                + " server exited with "
                + process.exitValue()
                + " before it was ready; see "
                + log);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body().strip();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        kind.wireName()
            + " server not ready after "
            + READY_TIMEOUT
            + ": "
            + last
            + "; see "
            + log);
  }

  ServerUnderTest kind() {
    return kind;
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  /** CPU time the server JVM used so far (all threads, user + system). */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Live heap after a full GC (see {@link LiveHeap}). */
  long liveHeapBytes() throws IOException, InterruptedException {
    return LiveHeap.bytes(process.pid());
  }

  /** Resident set size from {@code /proc}, or -1. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("No RSS for {}", pid(), e);
    }
    return -1;
  }

  /** The server's {@code /metrics} scrape. */
  String scrape() throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  double metric(String name) throws IOException, InterruptedException {
    return PrometheusText.sum(scrape(), name);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        LOG.warn("{} server (pid {}) ignored SIGTERM for 20 s; killing it", kind.wireName(), pid());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
