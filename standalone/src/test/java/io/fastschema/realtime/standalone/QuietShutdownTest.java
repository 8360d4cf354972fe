package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 9: a clean stop of the standalone jar (SIGTERM, as Ctrl-C or an orchestrator sends
 * it) logs no WARN or ERROR. Runs the real {@link StandaloneMain} in a child JVM on embedded
 * defaults and reads what its logging backend (slf4j-simple, on stderr) writes.
 *
 * <p>Before the fix Debezium's offset store left its admin client open; it kept reconnecting to the
 * stopped broker and logged {@code Connection to node -1 ... could not be established} until the
 * JVM exited.
 */
class QuietShutdownTest {

  private static final Pattern WARN_OR_ERROR = Pattern.compile("\\] (WARN|ERROR) ");

  /**
   * The one WARN left is the in-process Kafka broker's own (Kafka 4.1 in combined broker+controller
   * mode closes its controller-registration channel twice); no client of ours is involved, and a
   * production deployment runs its own Kafka.
   */
  private static boolean isKafkaBrokersOwnDoubleClose(String line) {
    return line.contains("[NodeToControllerChannelManager id=1 name=registration]")
        && line.contains("Attempting to close NetworkClient that has already been closed");
  }

  @Test
  void aStopAfterSigtermLogsNoWarningOrError() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    StandaloneMain.class.getName()))
            .redirectErrorStream(true);
    // Embedded defaults, whatever the build's environment says.
    for (String attach :
        List.of("DB_HOST", "DB_NAME", "DB_DRIVER", "FASTSCHEMA_DIR", "KAFKA_BOOTSTRAP_SERVERS")) {
      builder.environment().remove(attach);
    }
    builder.environment().put("REALTIME_PORT", "0");
    builder.environment().put("REALTIME_MANAGEMENT_PORT", "0");
    Process child = builder.start();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> readAll(child, lines), "quiet-shutdown-reader");
    reader.start();
    try {
      awaitLine(lines, "Readiness: http://", 180);
      Thread.sleep(2000); // the start's own last lines are out before the stop
      int stopBegan;
      synchronized (lines) {
        stopBegan = lines.size();
      }
      // SIGTERM; Process.destroy() would also close our end of its output.
      child.toHandle().destroy();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the jar did not exit within 60 s");
      reader.join(10_000);

      List<String> afterStop;
      synchronized (lines) {
        afterStop = new ArrayList<>(lines.subList(stopBegan, lines.size()));
      }
      assertTrue(
          afterStop.stream().anyMatch(l -> l.contains("STREAMING -> STOPPED")),
          "the stop did not run: " + afterStop);
      List<String> loud =
          afterStop.stream()
              .filter(l -> WARN_OR_ERROR.matcher(l).find())
              .filter(l -> !isKafkaBrokersOwnDoubleClose(l))
              .toList();
      assertEquals(List.of(), loud, "logged while stopping");
      assertEquals(143, child.exitValue(), "exit status after SIGTERM (128 + 15)");
    } finally {
      child.destroyForcibly();
    }
  }

  private static void readAll(Process child, List<String> lines) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitLine(List<String> lines, String prefix, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (lines) {
        if (lines.stream().anyMatch(l -> l.startsWith(prefix))) {
          return;
        }
      }
      Thread.sleep(100);
    }
    synchronized (lines) {
      throw new AssertionError("not ready after " + seconds + " s: " + lines);
    }
  }
}
