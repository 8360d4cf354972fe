package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * TCP connections of another process, from Linux's {@code /proc}: its socket inodes ({@code
 * /proc/<pid>/fd}) matched against the connection tables ({@code /proc/<pid>/net/tcp}, {@code
 * tcp6}). Shows that a process talks to a server at all, which no counter inside it could.
 */
final class SocketsOf {

  private SocketsOf() {}

  /** Connections of {@code pid} whose remote port is {@code port}; -1 when /proc is unreadable. */
  static int connectionsTo(long pid, int port) {
    Path proc = Path.of("/proc", Long.toString(pid));
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile: not a connection any more
        }
      }
      String remotePort = String.format(Locale.ROOT, ":%04X", port);
      int count = 0;
      for (String table : new String[] {"tcp", "tcp6"}) {
        Path file = proc.resolve("net").resolve(table);
        if (!Files.exists(file)) {
          continue;
        }
        for (String line : Files.readAllLines(file)) {
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          String[] f = line.strip().split("\\s+");
          if (f.length > 9 && f[2].endsWith(remotePort) && inodes.contains(f[9])) {
            count++;
          }
        }
      }
      return count;
    } catch (IOException e) {
      return -1;
    }
  }
}
