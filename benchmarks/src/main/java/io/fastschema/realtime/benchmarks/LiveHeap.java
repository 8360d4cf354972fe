package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Live heap of another JVM: {@code jcmd <pid> GC.class_histogram} runs a full collection and lists
 * what survived; its {@code Total} line is the live bytes. Neither server registers JVM meters on
 * {@code /metrics}, and "used" heap without a collection mostly measures garbage.
 */
final class LiveHeap {

  private LiveHeap() {}

  /** Live bytes after a full GC of process {@code pid}. */
  static long bytes(long pid) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + out.strip());
    }
    return totalOf(out);
  }

  /** The byte count of the histogram's {@code Total <instances> <bytes>} line. */
  static long totalOf(String histogram) {
    for (String line : histogram.split("\n")) {
      String l = line.strip();
      if (l.startsWith("Total")) {
        String[] parts = l.split("\\s+");
        return Long.parseLong(parts[parts.length - 1]);
      }
    }
    throw new IllegalArgumentException(
        "no Total line in the class histogram: "
            + histogram.substring(0, Math.min(300, histogram.length())));
  }
}
