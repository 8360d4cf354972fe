package io.fastschema.realtime.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (zonky binaries, a child process) configured for logical decoding.
 *
 * <p>Settings that differ from a stock server, and why:
 *
 * <ul>
 *   <li>{@code wal_level=logical}, {@code max_replication_slots=10}, {@code max_wal_senders=10}:
 *       Debezium's pgoutput slots.
 *   <li>{@code synchronous_commit=on}: zonky turns it off, and logical decoding only reads flushed
 *       WAL, so every change would reach Debezium ~200 ms late.
 *   <li>{@code fsync=off} (zonky's {@code -F}) and trust authentication: throw-away data.
 * </ul>
 *
 * <p>Listens on a free port of {@code localhost}; the data directory is a fresh temporary directory
 * removed by {@link #close()}. Thread-safe. zonky also registers a JVM shutdown hook that stops the
 * server if {@link #close()} is never called, and an {@link OrphanGuard} stops it when the JVM dies
 * without running its hooks (crash, halt, kill -9).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String HOST = "localhost";
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;

  /** Stops the server if this JVM dies without {@link #close()}; null without a POSIX shell. */
  private final OrphanGuard orphanGuard;

  /** Set by the first {@link #close()}; later calls do nothing. */
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The server's main process. */
  private final long postmasterPid;

  private EmbeddedPostgresServer(
      EmbeddedPostgres postgres, long postmasterPid, OrphanGuard orphanGuard) {
    this.postgres = postgres;
    this.postmasterPid = postmasterPid;
    this.orphanGuard = orphanGuard;
  }

  /**
   * Starts a new server; blocks until it accepts connections (about 1–2 s, plus ~5 s the very first
   * time binaries are extracted on a machine).
   *
   * @throws UncheckedIOException if the server does not come up within 60 s
   */
  public static EmbeddedPostgresServer start() {
    return start(true);
  }

  /**
   * @param stopOnJvmExit whether a JVM shutdown hook stops the server; an application that stops
   *     its parts in order itself (the standalone jar) passes false, because shutdown hooks run
   *     concurrently and would pull the database away from a still-closing ingest
   */
  public static EmbeddedPostgresServer start(boolean stopOnJvmExit) {
    long startedAt = System.nanoTime();
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setRegisterShutdownHook(stopOnJvmExit)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("synchronous_commit", "on")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      LOG.info(
          "Embedded PostgreSQL started on port {} in {} ms",
          postgres.getPort(),
          (System.nanoTime() - startedAt) / 1_000_000);
      java.nio.file.Path dataDir = OrphanGuard.dataDirectory(postgres.getPostgresDatabase());
      long pid = OrphanGuard.postmasterPid(dataDir);
      return new EmbeddedPostgresServer(postgres, pid, OrphanGuard.watch(pid, dataDir));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL", e);
    }
  }

  /** The pid of the server's main process (the postmaster). */
  public long postmasterPid() {
    return postmasterPid;
  }

  /** The TCP port on {@code localhost}. */
  public int port() {
    return postgres.getPort();
  }

  /** Superuser {@code postgres} on database {@code postgres}; no password needed (trust). */
  public DatabaseCoordinates superuser() {
    return new DatabaseCoordinates(HOST, port(), "postgres", SUPERUSER, "");
  }

  /**
   * Creates the login role FastSchema itself would use (not a superuser, but with {@code
   * REPLICATION}) and a database it owns. Idempotent.
   *
   * @see ApplicationDatabase#create(DatabaseCoordinates, String, String, String)
   */
  public DatabaseCoordinates createApplicationDatabase(
      String database, String user, String password) {
    return ApplicationDatabase.create(superuser(), database, user, password);
  }

  /** Stops the server and deletes its data directory. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (orphanGuard != null) {
      orphanGuard.disarm();
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL on port " + port(), e);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgresServer[localhost:" + port() + (closed.get() ? ", closed]" : "]");
  }
}
