package io.fastschema.realtime.testing;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.EmbeddedMariaDbServer;
import io.fastschema.realtime.embedded.EmbeddedPostgresServer;
import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests one embedded PostgreSQL (sample app provisioned, see {@link
 * SharedServices#provision}) and one in-process Kafka broker per test JVM, started on first use and
 * stopped when the test run ends.
 *
 * <pre>{@code
 * @ExtendWith(SharedServicesExtension.class)
 * class BlogEventsTest {
 *   @Test
 *   void insertReachesKafka(SharedServices services) { ... }
 * }
 * }</pre>
 *
 * <p>Resolves parameters of type {@link SharedServices} (constructors, lifecycle methods, tests).
 * The services live in the root {@link ExtensionContext.Store}; JUnit closes them after the last
 * test (an {@link AutoCloseable} store value). Starting is lazy and happens once even when test
 * classes run in parallel: the root store computes a missing value under its own lock. If starting
 * fails, every test class that uses the extension fails with that same error.
 *
 * <p>PostgreSQL (with provisioning) and Kafka start concurrently; on 2 cores that takes about as
 * long as Kafka alone (~4 s warm). Tests share the data: create your own rows and topics, and do
 * not count rows you did not create. Tests that need to stop or restart a broker should start their
 * own {@link InProcessKafkaBroker}.
 *
 * <p>A parameter annotated {@link MariaDb} gets the MariaDB services instead: a real MariaDB 11.4
 * with the sample app in FastSchema's MySQL layout (its own app directory), on the same Kafka. It
 * starts on the first such parameter only (10–25 s), so runs without MariaDB tests never pay for
 * it, and is stopped at the end of the run like the others. A parameter annotated {@link MySql}
 * gets a MySQL container the same way (where a Docker engine runs).
 */
public final class SharedServicesExtension implements BeforeAllCallback, ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(SharedServicesExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedServicesExtension.class);

  /** Starts the services before the first test of a class, so the class's timing shows it. */
  @Override
  public void beforeAll(ExtensionContext context) {
    services(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SharedServices.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.isAnnotated(MariaDb.class)) {
      return mariaDbServices(context);
    }
    return parameter.isAnnotated(MySql.class) ? mySqlServices(context) : services(context);
  }

  /** The run's MariaDB services (same Kafka), started on the first call. */
  public static SharedServices mariaDbServices(ExtensionContext context) {
    SharedServices postgres = services(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            MariaDb.class,
            key -> {
              EmbeddedMariaDbServer server = EmbeddedMariaDbServer.start();
              return RunningBinlogDatabase.provision(
                  "MariaDB on port " + server.port(),
                  server,
                  server.superuser(),
                  postgres.kafkaBootstrapServers());
            },
            RunningBinlogDatabase.class)
        .services();
  }

  /** The run's MySQL services (container; same Kafka), started on the first call. */
  public static SharedServices mySqlServices(ExtensionContext context) {
    SharedServices postgres = services(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            MySql.class,
            key -> {
              MySqlContainerServer server = MySqlContainerServer.start();
              return RunningBinlogDatabase.provision(
                  "MySQL " + server.image() + " at " + server.superuser().jdbcUrl(),
                  server,
                  server.superuser(),
                  postgres.kafkaBootstrapServers());
            },
            RunningBinlogDatabase.class)
        .services();
  }

  /**
   * A MariaDB or MySQL server of the run and what was provisioned on it; JUnit closes it at the end
   * of the run.
   */
  static final class RunningBinlogDatabase implements AutoCloseable {

    private final AutoCloseable server;
    private final SharedServices services;

    private RunningBinlogDatabase(AutoCloseable server, SharedServices services) {
      this.server = server;
      this.services = services;
    }

    /** Provisions the sample app on a started server; stops the server if that fails. */
    static RunningBinlogDatabase provision(
        String described,
        AutoCloseable server,
        DatabaseCoordinates superuser,
        String kafkaBootstrapServers) {
      long startedAt = System.nanoTime();
      Path appDir = createAppDir();
      try {
        SharedServices services =
            SharedServices.provision(superuser, kafkaBootstrapServers, appDir);
        LOG.info(
            "Shared {} provisioned in {} ms, app dir {}",
            described,
            millisSince(startedAt),
            appDir);
        return new RunningBinlogDatabase(server, services);
      } catch (RuntimeException e) {
        closeAfterFailure(server, e);
        deleteQuietly(appDir);
        throw e;
      }
    }

    private static void closeAfterFailure(AutoCloseable server, RuntimeException failure) {
      try {
        server.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }

    SharedServices services() {
      return services;
    }

    @Override
    public void close() throws Exception {
      try {
        server.close();
      } finally {
        deleteQuietly(services.appDir());
      }
    }
  }

  /** The run's services, started on the first call. For code that holds an ExtensionContext. */
  public static SharedServices services(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            RunningServices.class, key -> RunningServices.start(), RunningServices.class)
        .services();
  }

  /** What JUnit closes at the end of the run. */
  public static final class RunningServices implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final InProcessKafkaBroker kafka;
    private final SharedServices services;

    private RunningServices(
        EmbeddedPostgresServer postgres, InProcessKafkaBroker kafka, SharedServices services) {
      this.postgres = postgres;
      this.kafka = kafka;
      this.services = services;
    }

    public SharedServices services() {
      return services;
    }

    /** Starts PostgreSQL (sample app provisioned) and Kafka; also for programs (attack-suite). */
    public static RunningServices start() {
      long startedAt = System.nanoTime();
      Path appDir = createAppDir();
      CompletableFuture<ProvisionedPostgres> postgres = new CompletableFuture<>();
      Thread postgresStarter =
          new Thread(
              () -> {
                try {
                  postgres.complete(ProvisionedPostgres.start(appDir));
                } catch (Throwable e) {
                  postgres.completeExceptionally(e);
                }
              },
              "shared-services-postgres");
      postgresStarter.start();

      InProcessKafkaBroker kafka;
      try {
        kafka = InProcessKafkaBroker.start();
      } catch (RuntimeException e) {
        postgres.thenAccept(ProvisionedPostgres::close);
        throw e;
      }
      ProvisionedPostgres ready;
      try {
        ready = postgres.join();
      } catch (CompletionException e) {
        kafka.close();
        deleteQuietly(appDir);
        throw new IllegalStateException("could not start the shared PostgreSQL", e.getCause());
      }
      SharedServices services = ready.withKafka(kafka.bootstrapServers());
      LOG.info(
          "Shared services ready in {} ms (PostgreSQL + sample app: {} ms, in parallel with "
              + "Kafka): PostgreSQL on port {}, Kafka at {}, app dir {}",
          millisSince(startedAt),
          ready.elapsedMillis(),
          ready.server().port(),
          kafka.bootstrapServers(),
          appDir);
      return new RunningServices(ready.server(), kafka, services);
    }

    @Override
    public void close() {
      try {
        kafka.close();
      } finally {
        try {
          postgres.close();
        } finally {
          deleteQuietly(services.appDir());
        }
      }
    }
  }

  /** PostgreSQL started and the sample app installed, waiting for Kafka's address. */
  private record ProvisionedPostgres(
      EmbeddedPostgresServer server, SharedServices partial, long elapsedMillis) {

    static ProvisionedPostgres start(Path appDir) {
      long startedAt = System.nanoTime();
      EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
      try {
        // Kafka's address is not known yet; filled in by withKafka.
        SharedServices partial = SharedServices.provision(server.superuser(), "pending", appDir);
        return new ProvisionedPostgres(server, partial, millisSince(startedAt));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    SharedServices withKafka(String bootstrapServers) {
      return new SharedServices(
          partial.superuser(),
          partial.appDb(),
          bootstrapServers,
          partial.appDir(),
          partial.appKey(),
          partial.seeded());
    }

    void close() {
      server.close();
    }
  }

  private static Path createAppDir() {
    try {
      return Files.createTempDirectory("fastschema-app-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the sample app directory", e);
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the sample app directory {}: {}", root, e.toString());
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
