package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.MySql;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link AccessContract} on a MySQL container (FastSchema's MySQL layout with {@code char(36)}
 * uuids, read through Debezium's MySQL connector) and the in-process Kafka broker: roles,
 * permissions and roles_users read from MySQL's binlog. Runs where a Docker engine exists;
 * elsewhere JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(SharedServicesExtension.class)
class ContainersMySqlAccessTest extends AccessContract {

  @Override
  @BeforeAll
  void startPipeline(@MySql SharedServices provided) throws Exception {
    super.startPipeline(provided);
  }
}
