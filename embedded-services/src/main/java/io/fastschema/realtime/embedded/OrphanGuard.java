package io.fastschema.realtime.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL when the JVM dies without stopping it: a crash, {@code
 * Runtime.halt}, {@code kill -9}. PostgreSQL runs as a daemon that outlives its parent, and JVM
 * shutdown hooks do not run then, so it was left running (an orphan holding its port and data).
 *
 * <p>The guard is a tiny {@code sh} child that blocks reading its standard input, a pipe whose only
 * writer is this JVM. When the JVM ends, in whatever way, the kernel closes that pipe; the read
 * returns and the guard sends the postmaster SIGQUIT (immediate shutdown), waits for it to exit and
 * removes its data directory. On an orderly stop, {@link #disarm()} kills the guard first.
 *
 * <p>POSIX only: where there is no {@code /bin/sh} the guard is not started, and says so.
 */
final class OrphanGuard {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);
  private static final Path SHELL = Path.of("/bin/sh");

  /**
   * $1 the postmaster's pid, $2 its data directory. The read only returns at end of input: when the
   * JVM, the pipe's only writer, is gone.
   */
  private static final String SCRIPT =
      "read _ignored; kill -QUIT \"$1\" 2>/dev/null; "
          + "n=0; while kill -0 \"$1\" 2>/dev/null && [ $n -lt 30 ]; do sleep 1; n=$((n+1)); done; "
          + "rm -rf \"$2\"";

  private final Process guard;

  private OrphanGuard(Process guard) {
    this.guard = guard;
  }

  /**
   * Starts the guard of a postmaster; null where no POSIX shell exists.
   *
   * @param dataDir its data directory, removed once it stopped
   */
  static OrphanGuard watch(long postmaster, Path dataDir) {
    if (!Files.isExecutable(SHELL)) {
      LOG.warn("No {}: embedded PostgreSQL would outlive a crashed JVM", SHELL);
      return null;
    }
    try {
      Process p =
          new ProcessBuilder(
                  SHELL.toString(),
                  "-c",
                  SCRIPT,
                  "postgres-orphan-guard",
                  Long.toString(postmaster),
                  dataDir.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new OrphanGuard(p);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the orphan guard of PostgreSQL pid " + postmaster, e);
    }
  }

  /** The postmaster's pid: the first line of {@code postmaster.pid} in its data directory. */
  static long postmasterPid(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          new IOException("could not read the postmaster's pid from " + pidFile, e));
    }
  }

  static Path dataDirectory(DataSource superuser) {
    try (Connection c = superuser.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW data_directory")) {
      rs.next();
      return Path.of(rs.getString(1));
    } catch (SQLException e) {
      throw new UncheckedIOException(
          new IOException("could not ask PostgreSQL for its data directory", e));
    }
  }

  /** The server is being stopped in order: the guard must not act. */
  void disarm() {
    guard.destroy();
  }
}
