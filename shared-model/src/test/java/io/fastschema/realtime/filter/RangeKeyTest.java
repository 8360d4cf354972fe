package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which filters give an interval key, and the interval they give. */
class RangeKeyTest {

  private static RangeKey key(String filter) throws FilterException {
    return RowFilter.parse(filter, FilterFixtures.post()).rangeKey().orElse(null);
  }

  @Test
  void boundsOnOneColumnNarrowOneInterval() throws FilterException {
    RangeKey k = key("{\"views\":{\"$gte\":3,\"$lt\":9},\"name\":{\"$neq\":\"x\"}}");
    assertEquals("views", k.column());
    assertEquals(3L, k.lower());
    assertTrue(k.lowerInclusive());
    assertEquals(9L, k.upper());
    assertFalse(k.upperInclusive());
    assertTrue(k.contains(3L));
    assertFalse(k.contains(9L));
  }

  @Test
  void boundsInSeparateConjunctsNarrowToo() throws FilterException {
    RangeKey k =
        key(
            "{\"$and\":[{\"views\":{\"$gt\":3}},{\"views\":{\"$lte\":5}},{\"views\":{\"$gt\":4}}]}");
    assertEquals(4L, k.lower());
    assertFalse(k.lowerInclusive());
    assertEquals(5L, k.upper());
    assertTrue(k.upperInclusive());
  }

  @Test
  void aCaseSensitiveLikePrefixIsAnInterval() throws FilterException {
    RangeKey k = key("{\"name\":{\"$like\":\"ab\\\\%c%\"}}");
    assertEquals("ab%c", k.lower());
    assertEquals("ab%d", k.upper());
    assertTrue(k.contains("ab%c"));
    assertTrue(k.contains("ab%cz"));
    assertFalse(k.contains("ab%d"));
  }

  @Test
  void noKeyWithoutABoundOnAnOrderedColumn() throws FilterException {
    assertNull(key("{\"name\":{\"$like\":\"%ab\"}}"));
    assertNull(key("{\"name\":{\"$containsfold\":\"ab\"}}"));
    assertNull(key("{\"$or\":[{\"views\":{\"$gt\":1}},{\"rank\":2}]}"));
    assertNull(key("{\"meta\":{\"$gt\":\"{}\"}}"));
  }

  @Test
  void successorIsTheLeastStringAfterEveryExtension() {
    assertEquals("ac", RangeKey.successor("ab"));
    assertEquals("b", RangeKey.successor("a" + new String(Character.toChars(0x10FFFF))));
    assertNull(RangeKey.successor(new String(Character.toChars(0x10FFFF))));
  }
}
