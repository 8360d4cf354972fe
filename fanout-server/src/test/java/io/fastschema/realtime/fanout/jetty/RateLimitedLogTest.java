package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per interval; the next line written counts the ones that were not. */
class RateLimitedLogTest {

  @Test
  void writesOneLinePerIntervalAndCountsTheOthers() {
    AtomicLong now = new AtomicLong(1_000);
    RateLimitedLog log =
        new RateLimitedLog(
            LoggerFactory.getLogger(RateLimitedLogTest.class), Duration.ofSeconds(10), now::get);
    List<String> lines =
        refusedLines(
            () -> {
              log.warn("refused 1");
              log.warn("refused 2");
              log.warn("refused 3");
              now.addAndGet(Duration.ofSeconds(9).toNanos());
              log.warn("refused 4");
              now.addAndGet(Duration.ofSeconds(1).toNanos());
              log.warn("refused 5");
              log.warn("refused 6");
            });
    assertEquals(2, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).endsWith("refused 1"), lines.get(0));
    assertTrue(
        lines.get(1).endsWith("refused 5 (3 more like it since the last line, not logged)"),
        lines.get(1));
  }

  @Test
  void infoLinesAreLimitedAlike() {
    AtomicLong now = new AtomicLong(1_000);
    RateLimitedLog log =
        new RateLimitedLog(
            LoggerFactory.getLogger(RateLimitedLogTest.class), Duration.ofSeconds(10), now::get);
    List<String> lines =
        refusedLines(
            () -> {
              for (int i = 0; i < 1000; i++) {
                log.info("refused token " + i);
              }
            });
    assertEquals(1, lines.size(), "a flood of forged tokens is one line: " + lines);
    assertTrue(lines.get(0).contains("INFO"), lines.get(0));
  }

  /** The log lines (simple-logger writes to stderr) about refusals while {@code logging} runs. */
  private static List<String> refusedLines(Runnable logging) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      logging.run();
    } finally {
      System.setErr(err);
    }
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("refused")).toList();
  }
}
