package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of other processes from Linux's {@code /proc/<pid>/stat} (user + system, in clock ticks,
 * taken as the usual 100 Hz), and the embedded PostgreSQL's total: its postmaster's own and reaped
 * children's time plus every live backend's. The FastSchema strategy moves work into the database,
 * so a fair comparison counts PostgreSQL's CPU too.
 */
final class ProcessStat {

  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcessStat() {}

  /** utime, stime, cutime, cstime of {@code pid} in nanoseconds; null when it is gone. */
  static long[] times(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return null;
    }
    return timesOf(stat);
  }

  /**
   * Parses a stat line; the command name may contain spaces and parentheses, so split after the
   * last ')'.
   */
  static long[] timesOf(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state); utime..cstime are fields 14..17.
    return new long[] {
      Long.parseLong(f[11]) * NANOS_PER_TICK,
      Long.parseLong(f[12]) * NANOS_PER_TICK,
      Long.parseLong(f[13]) * NANOS_PER_TICK,
      Long.parseLong(f[14]) * NANOS_PER_TICK
    };
  }

  static long parentOf(String stat) {
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
  }

  /** The postmaster listening on {@code port} (its command line has {@code -p <port>}), or -1. */
  static long postmasterOf(int port) throws IOException {
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        byte[] raw;
        try {
          raw = Files.readAllBytes(proc.resolve("cmdline"));
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        List<String> argv = List.of(new String(raw).split("\0"));
        int p = argv.indexOf("-p");
        if (!argv.isEmpty()
            && argv.get(0).endsWith("postgres")
            && p >= 0
            && p + 1 < argv.size()
            && argv.get(p + 1).equals(Integer.toString(port))) {
          return Long.parseLong(proc.getFileName().toString());
        }
      }
    }
    return -1;
  }

  /** Nanoseconds of CPU used so far by the postmaster and all its children (live or reaped). */
  static long treeCpuNanos(long postmaster) throws IOException {
    long[] own = times(postmaster);
    if (own == null) {
      return -1;
    }
    long total = own[0] + own[1] + own[2] + own[3];
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"));
        } catch (IOException e) {
          continue;
        }
        if (parentOf(stat) == postmaster) {
          long[] t = timesOf(stat);
          total += t[0] + t[1];
        }
      }
    }
    return total;
  }
}
