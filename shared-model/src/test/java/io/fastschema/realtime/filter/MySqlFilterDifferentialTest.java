package io.fastschema.realtime.filter;

import io.fastschema.realtime.testing.MySql;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link FilterDifferentialTest}'s MariaDB comparison against MySQL (a container, {@code mysql:8.4}
 * unless {@code -Dfastschema.test.mysql.image} says otherwise): the in-memory filter compiled for
 * {@link SqlDialect#MYSQL} must select the rows MySQL selects, with ent's MySQL uuid ({@code
 * char(36)} under utf8mb4_unicode_ci) where MariaDB has a uuid type. Runs where a Docker engine
 * exists; elsewhere JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(SharedServicesExtension.class)
class MySqlFilterDifferentialTest {

  @Test
  void inMemoryFilterMatchesWhatMySqlReturns(@MySql SharedServices services) throws Exception {
    FilterDifferentialTest.compareOnBinlogDatabase("MySQL", services);
  }
}
