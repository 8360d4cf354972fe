package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Which filters give a {@code $null} key, and that it reads a row as the filter does. */
class NullKeyTest {

  private static NullKey key(String filter) throws FilterException {
    return RowFilter.parse(filter, FilterFixtures.post()).nullKey().orElse(null);
  }

  @Test
  void aTopLevelNullTestIsAKeyOnEitherSide() throws FilterException {
    NullKey isNull = key("{\"bio\":{\"$null\":true},\"name\":{\"$neq\":\"x\"}}");
    assertEquals("bio", isNull.column());
    assertTrue(isNull.isNull());
    NullKey notNull = key("{\"$and\":[{\"name\":{\"$neq\":\"x\"}},{\"bio\":{\"$null\":false}}]}");
    assertEquals("bio", notNull.column());
    assertFalse(notNull.isNull());
  }

  @Test
  void aNullTestUnderAnOrOrANotIsNoKey() throws FilterException {
    assertNull(key("{\"$or\":[{\"bio\":{\"$null\":true}},{\"name\":\"x\"}]}"));
    assertNull(key("{\"name\":{\"$neq\":\"x\"}}"));
  }

  @Test
  void everyRowTheFilterAdmitsIsOnTheKeysSide() throws FilterException {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode absent = json.objectNode().put("name", "a");
    ObjectNode explicitNull = json.objectNode().put("name", "a").putNull("bio");
    ObjectNode present = json.objectNode().put("name", "a").put("bio", "b");
    for (String side : new String[] {"true", "false"}) {
      RowFilter filter =
          RowFilter.parse("{\"bio\":{\"$null\":" + side + "}}", FilterFixtures.post());
      NullKey k = filter.nullKey().orElseThrow();
      for (ObjectNode row : new ObjectNode[] {absent, explicitNull, present}) {
        if (filter.matches(row)) {
          assertEquals(k.isNull(), k.rowHasNull(row), side + " admitted " + row);
        } else {
          assertEquals(!k.isNull(), k.rowHasNull(row), side + " refused " + row);
        }
      }
    }
  }
}
