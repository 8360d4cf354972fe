package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 (zonky's binaries) on a data directory and port of its own, that can be
 * killed with SIGKILL (the postmaster and every backend: a crash, recovered from WAL at the next
 * start) and started again on the same directory and port. Same settings as the embedded server of
 * the standalone jar: {@code wal_level=logical}, {@code synchronous_commit=on}, trust, no fsync.
 * Not thread-safe.
 */
final class RestartablePostgres implements DrillDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(RestartablePostgres.class);

  private final Path dataDirectory;
  private int port;
  private EmbeddedPostgres running;

  private RestartablePostgres(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** initdb into {@code dataDirectory} (which must not exist yet) and start on a free port. */
  static RestartablePostgres start(Path dataDirectory) {
    RestartablePostgres postgres = new RestartablePostgres(dataDirectory);
    postgres.launch();
    return postgres;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public DatabaseCoordinates superuser() {
    return new DatabaseCoordinates("localhost", port, "postgres", "postgres", "");
  }

  /**
   * SIGKILL to the postmaster, then to every process it had started (backends, walsenders,
   * checkpointer...): nothing is flushed or checkpointed, clients see their connections reset.
   * Returns once all of them are gone.
   */
  @Override
  public void kill9() {
    long postmaster = postmasterPid();
    ProcessHandle handle =
        ProcessHandle.of(postmaster)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "postmaster pid "
                            + postmaster
                            + " from "
                            + dataDirectory
                            + "/postmaster.pid is not running"));
    List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
    all.add(0, handle);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (all.stream().anyMatch(ProcessHandle::isAlive)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "PostgreSQL processes still alive 30 s after SIGKILL: "
                + all.stream()
                    .filter(ProcessHandle::isAlive)
                    .map(p -> String.valueOf(p.pid()))
                    .collect(Collectors.joining(", ")));
      }
      Sleep.millis(20);
    }
    LOG.info(
        "Killed PostgreSQL: postmaster {} and {} child processes (zonky now logs that "
            + "pg_ctl could not stop it: expected)",
        postmaster,
        all.size() - 1);
    // zonky's close runs "pg_ctl stop" (fails: nothing runs, and zonky logs that at ERROR) and
    // releases its lock on the data directory, which the next start takes again.
    closeZonky();
  }

  @Override
  public void restart() {
    launch();
  }

  private void launch() {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(true)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(Duration.ofSeconds(60));
      if (port != 0) {
        builder.setPort(port);
      }
      running = builder.start();
      port = running.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start PostgreSQL on " + dataDirectory + (port == 0 ? "" : " port " + port), e);
    }
  }

  private long postmasterPid() {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      return Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the postmaster pid from " + pidFile, e);
    }
  }

  private void closeZonky() {
    EmbeddedPostgres toClose = running;
    running = null;
    if (toClose != null) {
      try {
        toClose.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not release PostgreSQL on " + dataDirectory, e);
      }
    }
  }

  /** Stops the server (pg_ctl stop -m fast); the data directory stays for the caller to remove. */
  @Override
  public void close() {
    closeZonky();
  }
}
