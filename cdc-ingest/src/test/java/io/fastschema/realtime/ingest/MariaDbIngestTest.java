package io.fastschema.realtime.ingest;

import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link BinlogIngestContract} on the embedded MariaDB 11.4 (always runs). */
@ExtendWith(SharedServicesExtension.class)
class MariaDbIngestTest extends BinlogIngestContract {

  @Override
  @BeforeAll
  void start(@MariaDb SharedServices s) throws Exception {
    super.start(s);
  }
}
