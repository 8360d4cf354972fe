package io.fastschema.realtime.benchmarks.ceiling;

import io.fastschema.realtime.benchmarks.ProcessCpu;
import io.fastschema.realtime.benchmarks.receiver.FrameSink;
import io.fastschema.realtime.benchmarks.receiver.NioReceivers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client JVM of {@link WebSocketCeiling}: N connections read by {@link NioReceivers} (one
 * selector thread, frames counted by their headers, nothing allocated per message), so the
 * receiving side is never what limits the ceiling. Jetty's own {@code WebSocketClient}, used here
 * before, saturated at about 1.4 cores and capped the "ceiling" at a quarter of what the server can
 * send. Started by {@link ClientProcess} and driven over stdin/stdout, one command and one reply
 * line at a time:
 *
 * <pre>
 * connect N    → connected N &lt;ms&gt;               (opens N more connections)
 * snapshot     → snapshot &lt;nanoTime&gt; &lt;cpuNanos&gt; &lt;messages&gt; &lt;bytes&gt; &lt;minDelta&gt; &lt;maxDelta&gt; &lt;open&gt; &lt;bad&gt;
 * close        → closed                          (closes every connection)
 * exit or EOF  → the JVM exits
 * </pre>
 *
 * {@code minDelta}/{@code maxDelta} are the fewest and most messages one connection received since
 * the previous snapshot: how evenly the server served its clients. {@code cpuNanos} is this whole
 * JVM's CPU time. Failures answer {@code error <text>}.
 */
public final class CountingClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
  private static final int PARALLEL_UPGRADES = 8;

  private final URI uri;
  private NioReceivers receivers;
  private long[] lastCounts = new long[0];

  private CountingClients(URI uri) {
    this.uri = uri;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CountingClients ws://host:port/path   (then commands on stdin)");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CountingClients clients = new CountingClients(URI.create(args[0]));
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.equals("exit")) {
        try {
          out.println(clients.execute(line.strip()));
        } catch (Exception e) {
          out.println("error " + e.toString().replace('\n', ' '));
        }
      }
    } finally {
      clients.closeAll();
    }
    System.exit(0);
  }

  private String execute(String command) throws Exception {
    String[] words = command.split(" ");
    switch (words[0]) {
      case "connect":
        long started = System.nanoTime();
        connect(Integer.parseInt(words[1]));
        return "connected "
            + receivers.count()
            + " "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      case "snapshot":
        return snapshot();
      case "close":
        closeAll();
        return "closed";
      default:
        throw new IllegalArgumentException("unknown command '" + command + "'");
    }
  }

  private void connect(int count) throws Exception {
    if (receivers == null) {
      receivers = NioReceivers.start(FrameSink.NONE, false);
    }
    receivers.connect(
        new InetSocketAddress(uri.getHost(), uri.getPort()),
        i -> uri.getRawPath(),
        Map.of(),
        count,
        PARALLEL_UPGRADES,
        CONNECT_TIMEOUT);
    int n = receivers.count();
    lastCounts = Arrays.copyOf(lastCounts, n);
    for (int i = 0; i < n; i++) {
      lastCounts[i] = receivers.messages(i);
    }
  }

  private String snapshot() {
    long now = System.nanoTime();
    long cpu = ProcessCpu.nanos();
    int n = receivers == null ? 0 : receivers.count();
    long minDelta = n == 0 ? 0 : Long.MAX_VALUE;
    long maxDelta = 0;
    for (int i = 0; i < n; i++) {
      long m = receivers.messages(i);
      long delta = m - lastCounts[i];
      lastCounts[i] = m;
      minDelta = Math.min(minDelta, delta);
      maxDelta = Math.max(maxDelta, delta);
    }
    long[] totals = receivers == null ? new long[2] : receivers.totals();
    return "snapshot "
        + now
        + " "
        + cpu
        + " "
        + totals[0]
        + " "
        + totals[1]
        + " "
        + minDelta
        + " "
        + maxDelta
        + " "
        + (receivers == null ? 0 : receivers.open())
        + " "
        + (receivers == null ? 0 : receivers.nonTextFrames());
  }

  private void closeAll() throws Exception {
    if (receivers != null) {
      receivers.close();
      receivers = null;
    }
    lastCounts = new long[0];
  }
}
