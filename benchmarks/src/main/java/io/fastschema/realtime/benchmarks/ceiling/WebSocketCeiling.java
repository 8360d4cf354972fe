package io.fastschema.realtime.benchmarks.ceiling;

import io.fastschema.realtime.benchmarks.GcActivity;
import io.fastschema.realtime.benchmarks.MachineInfo;
import io.fastschema.realtime.benchmarks.ProcessCpu;
import io.fastschema.realtime.benchmarks.Watchdog;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import io.fastschema.realtime.benchmarks.support.SystemCpu;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket delivery ceiling of this machine: how many ~300-byte FastSchema-shaped messages per
 * second a bare Jetty 12.1 WebSocket server (no Kafka, no subscription matching) gets to N clients
 * held in another JVM, in each {@link SendMode}. Fanout's delivered throughput is reported as a
 * fraction of this.
 *
 * <p>Workload: {@link BroadcastServer} in this JVM on 127.0.0.1; {@link CountingClients} in a child
 * JVM opens N plain NIO connections ({@code NioReceivers}) and counts complete text messages
 * without decoding them. For every N and mode: send for {@code warmup-s}, count for {@code seconds}
 * (client clock), stop, wait until the connections are idle. Rate = messages all clients received
 * in the window / window.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/benchmarks.jar:$(cat benchmarks/target/classpath.txt)" \
 *     io.fastschema.realtime.benchmarks.ceiling.WebSocketCeiling [clients=100,1000] \
 *     [modes=batched,flushed,inline,preframed] [warmup-s=3] [seconds=5] [batch-bytes=65536]
 * </pre>
 *
 * Prints a table and writes {@code benchmarks/target/results/websocket-ceiling.json}. Both JVMs
 * share the machine's cores (and here, the other engineers' work): the table shows the CPU each
 * side and everything else used, so a contended number can be recognised.
 *
 * <p>Exit status: 0 done, 2 bad arguments, 3 failed, {@value Watchdog#EXIT_OVERRUN} overran.
 */
public final class WebSocketCeiling {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketCeiling.class);
  private static final int EXIT_USAGE = 2;
  private static final int EXIT_FAILED = 3;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final CeilingSettings settings;
  private final BroadcastServer server;
  private final ClientProcess clients;

  private WebSocketCeiling(
      CeilingSettings settings, BroadcastServer server, ClientProcess clients) {
    this.settings = settings;
    this.server = server;
    this.clients = clients;
  }

  public static void main(String[] args) {
    ResultFiles.quietLoggingUnlessConfigured(WebSocketCeiling.class.getPackageName());
    CeilingSettings settings;
    try {
      settings =
          CeilingSettings.parse(
              args, System.getProperties(), ResultFiles.defaultDir(WebSocketCeiling.class));
    } catch (IllegalArgumentException e) {
      System.err.println("WebSocketCeiling: " + e.getMessage());
      System.err.println(CeilingSettings.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    Watchdog.start(settings.budget());
    System.exit(run(settings, System.out, System.err));
  }

  private static int run(CeilingSettings settings, PrintStream out, PrintStream err) {
    MachineInfo machine = MachineInfo.current();
    try (BroadcastServer server =
            BroadcastServer.start(settings.batchBytes(), settings.serverThreads());
        ClientProcess clients =
            ClientProcess.start(
                server.uri(), List.of("-Xmx" + settings.clientHeapMiB() + "m", "-XX:+UseG1GC"))) {
      LOG.info("Broadcast server on {}, client JVM pid {}", server.uri(), clients.pid());
      List<ModeResult> results = new WebSocketCeiling(settings, server, clients).measureAll();
      CeilingReport report = new CeilingReport(settings, results, machine, Instant.now());
      report.print(out);
      out.println("Result written to " + report.write(settings.resultsDir()).toAbsolutePath());
      return 0;
    } catch (Exception e) {
      err.println("WebSocketCeiling failed:");
      e.printStackTrace(err);
      return EXIT_FAILED;
    }
  }

  private List<ModeResult> measureAll() throws Exception {
    List<ModeResult> results = new ArrayList<>();
    for (int n : settings.clients()) {
      long ms = clients.connect(n, Duration.ofSeconds(120));
      server.awaitOpen(n, Duration.ofSeconds(30));
      LOG.info("{} clients connected in {} ms", n, ms);
      for (SendMode mode : settings.modes()) {
        ModeResult r = measure(n, mode);
        LOG.info("{}", r.row());
        results.add(r);
      }
      clients.closeConnections();
      server.awaitOpen(0, Duration.ofSeconds(30));
    }
    return results;
  }

  private ModeResult measure(int n, SendMode mode) throws Exception {
    Publisher publisher = server.publisher(mode, settings.batchBytes());
    publisher.start();
    TimeUnit.MILLISECONDS.sleep(settings.warmup().toMillis());

    ClientSnapshot first = clients.snapshot();
    long serverCpu0 = ProcessCpu.nanos();
    GcActivity gc0 = GcActivity.now();
    SystemCpu system0 = SystemCpu.now();
    TimeUnit.MILLISECONDS.sleep(settings.window().toMillis());
    ClientSnapshot last = clients.snapshot();
    long serverCpu = ProcessCpu.nanos() - serverCpu0;
    GcActivity gc = GcActivity.now().since(gc0);
    long systemBusy = SystemCpu.now().busySince(system0);

    publisher.stop(STOP_TIMEOUT);
    awaitClientsIdle();
    if (last.open() != n || last.badFrames() > 0) {
      throw new IllegalStateException(
          mode.wireName()
              + " with "
              + n
              + " clients: "
              + last.open()
              + " connections open at the end, "
              + last.badFrames()
              + " non-text frames");
    }

    double seconds = (last.nanoTime() - first.nanoTime()) / 1e9;
    long clientCpu = last.cpuNanos() - first.cpuNanos();
    double wallNanos = seconds * 1e9;
    return new ModeResult(
        n,
        mode,
        (last.messages() - first.messages()) / seconds,
        (last.payloadBytes() - first.payloadBytes()) / seconds / (1 << 20),
        last.minDelta() / seconds,
        last.maxDelta() / seconds,
        serverCpu / wallNanos,
        clientCpu / wallNanos,
        Math.max(0, systemBusy - serverCpu - clientCpu) / wallNanos,
        gc.millis(),
        publisher.failures());
  }

  /** Lets the clients read what is still in socket buffers, so the next mode starts clean. */
  private void awaitClientsIdle() throws InterruptedException {
    long previous = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long now = clients.snapshot().messages();
      if (now == previous) {
        return;
      }
      previous = now;
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("clients still receiving 30 s after the publisher stopped");
  }
}
