package io.fastschema.realtime.benchmarks.ceiling;

import io.fastschema.realtime.benchmarks.MachineInfo;
import io.fastschema.realtime.benchmarks.support.ResultFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one {@link WebSocketCeiling} run, as a table and as JSON. */
record CeilingReport(
    CeilingSettings settings, List<ModeResult> results, MachineInfo machine, Instant finishedAt) {

  static final String FILE_NAME = "websocket-ceiling.json";

  void print(PrintStream out) {
    out.printf("%n=== WebSocket broadcast ceiling (bare Jetty, clients in another JVM) ===%n");
    out.printf(
        "%d-byte text frame, %d s window after %d s warm-up; batched = %d frames per flush" + "%n",
        BroadcastFrame.payloadBytes(),
        settings.window().toSeconds(),
        settings.warmup().toSeconds(),
        settings.toJson().get("frames_per_batch"));
    out.println(
        "server/client/others = CPU cores used on average (others: everything else on "
            + "the machine, i.e. contention); srv µs/msg = server CPU per delivered message; "
            + "! = client above half a core (the receiver may limit that run)");
    out.println();
    out.println(ModeResult.header());
    results.forEach(r -> out.println(r.row()));
    out.println();
    machine.lines().forEach(out::println);
    out.flush();
  }

  Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "websocket-ceiling");
    root.put("finished_at", finishedAt.toString());
    root.put("settings", settings.toJson());
    root.put("results", results.stream().map(ModeResult::toJson).toList());
    root.put("machine", machine.toJson());
    return root;
  }

  Path write(Path dir) throws IOException {
    return ResultFiles.write(dir, FILE_NAME, toJson());
  }
}
