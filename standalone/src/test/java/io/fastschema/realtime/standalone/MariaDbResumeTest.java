package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ResumeContract} on the embedded MariaDB (FastSchema's MySQL layout, read from the binlog)
 * and the in-process Kafka broker (always runs): the same client contract as on PostgreSQL.
 */
@ExtendWith(SharedServicesExtension.class)
class MariaDbResumeTest extends ResumeContract {

  @Override
  @BeforeAll
  void startPipeline(@MariaDb SharedServices provided) throws Exception {
    super.startPipeline(provided);
  }
}
