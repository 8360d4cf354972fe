package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SlowClientContract} on the embedded MariaDB (FastSchema's MySQL layout, read from the
 * binlog) and the in-process Kafka broker (always runs).
 */
@ExtendWith(SharedServicesExtension.class)
class MariaDbSlowClientTest extends SlowClientContract {

  @Override
  @BeforeAll
  void startPipeline(@MariaDb SharedServices provided) throws Exception {
    super.startPipeline(provided);
  }
}
