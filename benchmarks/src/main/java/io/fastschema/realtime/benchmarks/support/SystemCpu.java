package io.fastschema.realtime.benchmarks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the whole machine (all processes, from the first line of /proc/stat). With the
 * CPU time of our own processes it tells how much other work (other engineers' builds, CI) competed
 * during a measurement: numbers taken while others used a core are not comparable with quiet ones.
 *
 * @param busyNanos user+nice+system+irq+softirq+steal time over all CPUs since boot
 * @param totalNanos the same plus idle and iowait
 */
public record SystemCpu(long busyNanos, long totalNanos) {

  /** Linux reports in USER_HZ ticks, 100 per second on every mainstream kernel build. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** The current counters, or zeros where /proc/stat is unreadable (not Linux). */
  public static SystemCpu now() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long idle = Long.parseLong(f[4]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      long busy = user + nice + system + irq + softirq + steal;
      return new SystemCpu(busy * NANOS_PER_TICK, (busy + idle + iowait) * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return new SystemCpu(0, 0);
    }
  }

  /** Busy CPU time between {@code earlier} and this snapshot. */
  public long busySince(SystemCpu earlier) {
    return busyNanos - earlier.busyNanos;
  }
}
