package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EqualityKeyTest {

  private static EqualityKey key(String filter) throws FilterException {
    return RowFilter.parse(filter, FilterFixtures.post()).equalityKey().orElseThrow();
  }

  private static boolean hasKey(String filter) throws FilterException {
    return RowFilter.parse(filter, FilterFixtures.post()).equalityKey().isPresent();
  }

  @Test
  void comesFromAnEqualityOrInAmongTheTopLevelConjuncts() throws FilterException {
    assertEquals(Set.of("a"), key("{\"name\": \"a\"}").values());
    assertEquals(
        Set.of("1", "42"),
        key("{\"views\": {\"$gt\": 0},"
                + " \"$or\": [{\"name\": \"x\"}, {\"bio\": \"y\"}],"
                + " \"stock\": {\"$in\": [\"01\", 42, null]}}")
            .values());
    assertEquals("stock", key("{\"stock\": {\"$in\": [1]}}").column());
    EqualityKey category = key("{\"category\": \"0195F0A0-0000-7000-8000-000000000001\"}");
    assertEquals("category_id", category.column());
    assertEquals(Set.of("0195f0a0-0000-7000-8000-000000000001"), category.values());
  }

  @Test
  void isAbsentWhenNoEqualityConstrainsEveryMatch() throws FilterException {
    assertFalse(hasKey(""));
    assertFalse(hasKey("{\"name\": null}"));
    assertFalse(hasKey("{\"name\": {\"$nin\": [\"a\"]}}"));
    assertFalse(hasKey("{\"$or\": [{\"name\": \"a\"}, {\"views\": 1}]}"));
    assertFalse(hasKey("{\"category\": {\"$neq\": \"0195f0a0-0000-7000-8000-000000000001\"}}"));
    assertFalse(hasKey("{\"meta\": \"{}\"}"));
  }

  @Test
  void rowValuesUseTheSameCanonicalText() throws FilterException {
    ObjectNode row =
        FilterFixtures.row(
            "{\"stock\": 0, \"score\": -0.0,"
                + " \"published_at\": \"2024-03-01T13:00:00+01:00\","
                + " \"ref\": \"00000000-0000-0000-0000-000000000000\"}");
    assertEquals(key("{\"score\": 0}").values(), Set.of(key("{\"score\": 0}").valueOf(row)));
    EqualityKey time = key("{\"published_at\": \"2024-03-01 12:00:00\"}");
    assertEquals(time.values(), Set.of(time.valueOf(row)));
    assertEquals(
        null,
        key("{\"ref\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}")
            .valueOf(FilterFixtures.row("{\"stock\": 0, \"ref\": null}")),
        "a NULL uuid has no key");
    EqualityKey zero = key("{\"ref\": \"00000000-0000-0000-0000-000000000000\"}");
    assertEquals(zero.values(), Set.of(zero.valueOf(row)), "a stored zero uuid is a value");
  }
}
