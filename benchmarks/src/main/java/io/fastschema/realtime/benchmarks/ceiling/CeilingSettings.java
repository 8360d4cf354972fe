package io.fastschema.realtime.benchmarks.ceiling;

import io.fastschema.realtime.benchmarks.support.BenchArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What one {@link WebSocketCeiling} run measures; {@code key=value} arguments or {@code
 * -Dbench.<key>=}.
 *
 * @param clients client counts, each measured in every mode
 * @param modes send modes, in order
 * @param warmup sending before the measured window (JIT, TCP windows)
 * @param window the measured window
 * @param batchBytes batched mode: bytes of frames per flush, and the server's output buffer
 * @param clientHeapMiB heap of the client JVM
 * @param serverThreads maximum threads of the server's Jetty pool (Jetty's default is 200)
 * @param resultsDir where the JSON goes
 */
record CeilingSettings(
    List<Integer> clients,
    List<SendMode> modes,
    Duration warmup,
    Duration window,
    int batchBytes,
    int clientHeapMiB,
    int serverThreads,
    Path resultsDir) {

  static final String USAGE =
      "usage: WebSocketCeiling [clients=100,1000] "
          + "[modes=batched,flushed,inline,preframed] [warmup-s=3] [seconds=5] [batch-bytes=65536] "
          + "[client-heap-mib=512] [server-threads=8] [results-dir=benchmarks/target/results]   (or -Dbench.<key>=)";

  private static final Set<String> KEYS =
      Set.of(
          "clients",
          "modes",
          "warmup-s",
          "seconds",
          "batch-bytes",
          "client-heap-mib",
          "server-threads",
          "results-dir");

  static CeilingSettings parse(String[] args, Properties system, Path defaultResultsDir) {
    BenchArgs in = BenchArgs.parse(args, KEYS, system);
    return new CeilingSettings(
        in.integers("clients", "100,1000", 1, 10_000),
        in.words("modes", "batched,flushed,inline,preframed").stream()
            .map(SendMode::parse)
            .toList(),
        Duration.ofSeconds(in.integer("warmup-s", 3, 0, 600)),
        Duration.ofSeconds(in.integer("seconds", 5, 1, 600)),
        in.integer("batch-bytes", 65536, 1024, 16 * 1024 * 1024),
        in.integer("client-heap-mib", 512, 64, 16384),
        in.integer("server-threads", 8, 4, 1000),
        Path.of(in.text("results-dir", defaultResultsDir.toString())));
  }

  /** The longest a healthy run can take: per measurement warm-up, window and drain, plus start. */
  Duration budget() {
    long perMeasurement = warmup.plus(window).toSeconds() + 40;
    return Duration.ofMinutes(3).plusSeconds(perMeasurement * clients.size() * modes.size());
  }

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clients", clients);
    out.put("modes", modes.stream().map(SendMode::wireName).toList());
    out.put("warmup_s", warmup.toSeconds());
    out.put("window_s", window.toSeconds());
    out.put("batch_bytes", batchBytes);
    out.put("frames_per_batch", Math.max(1, batchBytes / BroadcastServer.wireBytesPerFrame()));
    out.put("frame_payload_bytes", BroadcastFrame.payloadBytes());
    out.put("client_heap_mib", clientHeapMiB);
    out.put("server_threads", serverThreads);
    return out;
  }
}
