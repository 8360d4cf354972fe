package io.fastschema.realtime.faultdrill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary table on stdout and the JSON file. */
final class DrillReport {

  private DrillReport() {}

  static String table(List<ScenarioResult> results) {
    StringBuilder out = new StringBuilder();
    String format = "%-18s %-8s %7s %8s %10s %5s %5s %12s %10s %7s %8s%n";
    out.append(
        String.format(
            format,
            "scenario",
            "status",
            "clients",
            "written",
            "delivered",
            "dup",
            "lost",
            "recovery ms",
            "back ms",
            "behind",
            "replays"));
    for (ScenarioResult r : results) {
      out.append(
          String.format(
              format,
              r.key(),
              r.status(),
              r.clients(),
              r.written(),
              r.delivered(),
              r.duplicates(),
              r.lost(),
              ms(r.recoveryMs()),
              ms(r.componentBackMs()),
              r.behindAtFault(),
              r.kafkaReplays()));
    }
    out.append(
        """
        written: rows committed (read back from the database); delivered: (client, row) pairs received;
        dup: copies beyond the first; lost: committed, never received; recovery: fault -> first
        arrival of a row committed after the victim was dead; back: fault -> the failed part back (standby
        streaming, broker/database up, clients reconnected); behind: rows committed before the fault
        not yet at the client when it struck (delivered first); replays: records in Kafka repeating an
        event id (at-least-once), which must not reach a client twice.
        """);
    for (ScenarioResult r : results) {
      if (!r.note().isEmpty() || !r.closes().isEmpty()) {
        out.append(r.key())
            .append(": ")
            .append(r.note())
            .append(r.closes().isEmpty() ? "" : " closes " + r.closes())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String ms(long value) {
    return value < 0 ? "-" : String.valueOf(value);
  }

  static void writeJson(Path file, List<ScenarioResult> results, Map<String, Object> run) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("finished", Instant.now().toString());
    document.putAll(run);
    document.put("results", results);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), document);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
