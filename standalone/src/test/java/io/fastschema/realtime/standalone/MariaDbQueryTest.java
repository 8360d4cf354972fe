package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link QueryContract} on the embedded MariaDB (FastSchema's MySQL layout, read from the binlog)
 * and the in-process Kafka broker (always runs): filter and select on every event type, deletes
 * decided on the binlog's before-image.
 */
@ExtendWith(SharedServicesExtension.class)
class MariaDbQueryTest extends QueryContract {

  @Override
  @BeforeAll
  void startPipeline(@MariaDb SharedServices provided) throws Exception {
    super.startPipeline(provided);
  }
}
