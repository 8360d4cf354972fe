package io.fastschema.realtime.ingest;

import io.fastschema.realtime.testing.MySql;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link BinlogIngestContract} on a MySQL container through Debezium's MySQL connector: uuids are
 * {@code char(36)} there (kept as written, so ingest lower-cases them as FastSchema's uuid scan
 * does) and json is MySQL's binary json. Runs where a Docker engine exists; elsewhere JUnit reports
 * it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(SharedServicesExtension.class)
class ContainersMySqlIngestTest extends BinlogIngestContract {

  @Override
  @BeforeAll
  void start(@MySql SharedServices s) throws Exception {
    super.start(s);
  }
}
