package io.fastschema.realtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelationTypeTest {

  @Test
  void parsesTheThreeTypes() {
    assertEquals(RelationType.O2O, RelationType.parse("o2o"));
    assertEquals(RelationType.O2M, RelationType.parse("o2m"));
    assertEquals(RelationType.M2M, RelationType.parse("m2m"));
  }

  @Test
  void m2oIsAnAliasOfO2m() {
    assertEquals(RelationType.O2M, RelationType.parse("m2o"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"O2M", "one-to-many", "m2", "invalid", ""})
  void unknownTypesAreRejectedNamingTheValue(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RelationType.parse(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
  }

  @Test
  void nullIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RelationType.parse(null));
  }
}
