package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.MySql;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link PipelineContract} on a MySQL container (FastSchema's MySQL layout with {@code char(36)}
 * uuids, read through Debezium's MySQL connector) and the in-process Kafka broker: the same client
 * contract as on PostgreSQL and MariaDB. Runs where a Docker engine exists; elsewhere JUnit reports
 * it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(SharedServicesExtension.class)
class ContainersMySqlPipelineTest extends PipelineContract {

  @Override
  @BeforeAll
  void startPipeline(@MySql SharedServices provided) throws Exception {
    super.startPipeline(provided);
  }
}
