package io.fastschema.realtime.benchmarks.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.embedded.DatabaseKind;
import org.junit.jupiter.api.Test;

class BenchDatabaseTest {

  @Test
  void namesTheTwoEmbeddedServersAndRefusesOthersSayingWhichWasGiven() {
    assertEquals(DatabaseKind.POSTGRESQL, BenchDatabase.parse("postgresql"));
    assertEquals(DatabaseKind.MARIADB, BenchDatabase.parse("mariadb"));
    var e = assertThrows(IllegalArgumentException.class, () -> BenchDatabase.parse("mysql"));
    assertTrue(e.getMessage().contains("'mysql'"), e.getMessage());
  }
}
