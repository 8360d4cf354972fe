package io.fastschema.realtime.benchmarks.ceiling;

import io.fastschema.realtime.benchmarks.ProcessCpu;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The client JVM of {@link WebSocketCeiling}: N connections on one non-blocking Jetty {@link
 * WebSocketClient} (one selector, a small pool; no thread per connection), each counting what it
 * receives ({@link CountingEndpoint}). Started by {@link ClientProcess} and driven over
 * stdin/stdout, one command and one reply line at a time:
 *
 * <pre>
 * connect N    → connected N &lt;ms&gt;               (opens N more connections)
 * snapshot     → snapshot &lt;nanoTime&gt; &lt;cpuNanos&gt; &lt;messages&gt; &lt;bytes&gt; &lt;minDelta&gt; &lt;maxDelta&gt; &lt;open&gt; &lt;bad&gt;
 * close        → closed                          (closes every connection)
 * exit or EOF  → the JVM exits
 * </pre>
 *
 * {@code minDelta}/{@code maxDelta} are the fewest and most messages one connection received since
 * the previous snapshot: how evenly the server served its clients. Failures answer {@code error
 * <text>}. Logs go to stderr.
 */
public final class CountingClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Upgrades in flight at once: enough to connect 1,000 clients in about a second. */
  private static final int PARALLEL_CONNECTS = 32;

  private final WebSocketClient client;
  private final URI uri;
  private final List<CountingEndpoint> endpoints = new ArrayList<>();
  private final List<Session> sessions = new ArrayList<>();
  private long[] lastCounts = new long[0];

  private CountingClients(WebSocketClient client, URI uri) {
    this.client = client;
    this.uri = uri;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CountingClients ws://host:port/path   (then commands on stdin)");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    QueuedThreadPool pool = new QueuedThreadPool(16, 4);
    pool.setName("ceiling-client");
    HttpClient http = new HttpClient();
    http.setExecutor(pool);
    // Upgraded connections leave the pool, but the upgrades themselves count against this limit.
    http.setMaxConnectionsPerDestination(100_000);
    WebSocketClient client = new WebSocketClient(http);
    client.setIdleTimeout(Duration.ofMinutes(10));
    client.start();
    CountingClients clients = new CountingClients(client, URI.create(args[0]));
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
      client.stop();
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
            + sessions.size()
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
    Semaphore slots = new Semaphore(PARALLEL_CONNECTS);
    List<CompletableFuture<Session>> pending = new ArrayList<>();
    List<CountingEndpoint> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      CountingEndpoint endpoint = new CountingEndpoint();
      CompletableFuture<Session> future = client.connect(endpoint, uri);
      future.whenComplete((s, e) -> slots.release());
      pending.add(future);
      added.add(endpoint);
    }
    for (CompletableFuture<Session> f : pending) {
      sessions.add(f.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
    endpoints.addAll(added);
    lastCounts = java.util.Arrays.copyOf(lastCounts, endpoints.size());
    for (int i = 0; i < endpoints.size(); i++) {
      lastCounts[i] = endpoints.get(i).messages();
    }
  }

  private String snapshot() {
    long now = System.nanoTime();
    long cpu = ProcessCpu.nanos();
    long messages = 0;
    long bytes = 0;
    long minDelta = Long.MAX_VALUE;
    long maxDelta = 0;
    int bad = 0;
    int open = 0;
    for (int i = 0; i < endpoints.size(); i++) {
      CountingEndpoint e = endpoints.get(i);
      long m = e.messages();
      messages += m;
      bytes += e.payloadBytes();
      bad += e.badFrames();
      long delta = m - lastCounts[i];
      lastCounts[i] = m;
      minDelta = Math.min(minDelta, delta);
      maxDelta = Math.max(maxDelta, delta);
      if (sessions.get(i).isOpen()) {
        open++;
      }
    }
    if (endpoints.isEmpty()) {
      minDelta = 0;
    }
    return "snapshot "
        + now
        + " "
        + cpu
        + " "
        + messages
        + " "
        + bytes
        + " "
        + minDelta
        + " "
        + maxDelta
        + " "
        + open
        + " "
        + bad;
  }

  private void closeAll() {
    for (Session s : sessions) {
      s.close();
    }
    sessions.clear();
    endpoints.clear();
    lastCounts = new long[0];
  }
}
