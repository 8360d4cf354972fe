package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.lifecycle.FatalErrorWatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 1: a process whose thread dies with an Error exits non-zero (for an orchestrator
 * to restart it), and the embedded PostgreSQL never outlives the JVM, even when no hook runs.
 */
class ProcessDeathTest {

  private record Death(int status, long postmaster) {}

  private static Death run(String how) throws Exception {
    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DyingProcess.class.getName(),
                    how))
            .redirectErrorStream(true)
            .start();
    long postmaster = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("POSTMASTER ")) {
          postmaster = Long.parseLong(line.substring("POSTMASTER ".length()).trim());
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end within 60 s");
    assertTrue(postmaster > 0, "the child never started PostgreSQL");
    return new Death(child.exitValue(), postmaster);
  }

  private static void assertGoneWithin(long pid, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // no orphan from the test
        assertFalse(true, "PostgreSQL " + pid + " outlived its JVM by " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aThreadDyingWithAnErrorExitsNonZeroAndStopsPostgres() throws Exception {
    Death d = run("error");

    assertEquals(FatalErrorWatch.EXIT_STATUS, d.status());
    assertGoneWithin(d.postmaster(), 10);
  }

  @Test
  void aJvmHaltedWithoutHooksLeavesNoPostgresRunning() throws Exception {
    Death d = run("halt");

    assertEquals(3, d.status());
    assertGoneWithin(d.postmaster(), 15);
  }
}
