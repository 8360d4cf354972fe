package io.fastschema.realtime.standalone;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.testing.SharedServices;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Supplies {@link SharedServices} from a PostgreSQL 17 container (wal_level=logical) and a Kafka
 * container, started once per run and stopped by JUnit at its end.
 */
public final class ContainerServicesExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ContainerServicesExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SharedServices.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Containers.class, k -> Containers.start(), Containers.class)
        .services;
  }

  /** The running containers; closed by JUnit when the run ends. */
  static final class Containers implements AutoCloseable {
    final PostgreSQLContainer postgres;
    final KafkaContainer kafka;
    final SharedServices services;

    private Containers(PostgreSQLContainer postgres, KafkaContainer kafka, SharedServices s) {
      this.postgres = postgres;
      this.kafka = kafka;
      this.services = s;
    }

    static Containers start() {
      PostgreSQLContainer postgres =
          new PostgreSQLContainer("postgres:17")
              .withCommand(
                  "postgres",
                  "-c",
                  "wal_level=logical",
                  "-c",
                  "max_replication_slots=10",
                  "-c",
                  "max_wal_senders=10");
      KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
      postgres.start();
      kafka.start();
      try {
        DatabaseCoordinates admin =
            new DatabaseCoordinates(
                postgres.getHost(),
                postgres.getFirstMappedPort(),
                postgres.getDatabaseName(),
                postgres.getUsername(),
                postgres.getPassword());
        SharedServices s =
            SharedServices.provision(
                admin,
                kafka.getBootstrapServers(),
                Files.createTempDirectory("fastschema-containers-app"));
        return new Containers(postgres, kafka, s);
      } catch (Exception e) {
        kafka.stop();
        postgres.stop();
        throw new IllegalStateException("cannot provision the containers", e);
      }
    }

    @Override
    public void close() {
      kafka.stop();
      postgres.stop();
    }
  }
}
