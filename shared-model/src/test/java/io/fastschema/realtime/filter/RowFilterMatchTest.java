package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each operator matches, per field type, on rows in FastSchema's JSON encoding; expected
 * values are what PostgreSQL returns for FastSchema's SQL (FilterDifferentialTest checks the same
 * against a real server with generated cases).
 */
class RowFilterMatchTest {

  private static final String C1 = "0195f0a0-0000-7000-8000-000000000001";
  private static final String C2 = "0195f0a0-0000-7000-8000-000000000002";
  private static final String ZERO = "00000000-0000-0000-0000-000000000000";

  /** Every column set; note the backslash in bio and the wildcard characters in name. */
  private static final ObjectNode FULL =
      FilterFixtures.row(
          """
      {"id": "0195f0a0-1111-7000-8000-000000000001", "name": "Café_50%%",
       "bio": "Line\\\\one", "status": "in_review", "views": 42, "rank": -7, "stock": 0,
       "score": -1.5, "ratio": 0.1, "active": true, "published_at": "2024-03-01T12:00:00Z",
       "ref": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "meta": {"b": [1, 2.0], "a": "x"},
       "blob": "aGk=", "category_id": "%s"}
      """
              .formatted(C1));

  /**
   * Every nullable column NULL, as events carry it: absent, or JSON null for the types whose NULL
   * FastSchema writes as a value to clients (uint → 0, uuid → the zero uuid) and for bytes.
   */
  private static final ObjectNode NULLS =
      FilterFixtures.row(
          """
      {"id": "0195f0a0-1111-7000-8000-000000000002", "stock": null, "ref": null,
       "blob": null, "category_id": null}
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        // Strings: exact equality, code point order, LIKE with wildcards and escapes.
        on("{\"name\": \"Café_50%\"}", true, false),
        on("{\"name\": \"café_50%\"}", false, false),
        on("{\"name\": {\"$eq\": \"Café_50%\"}}", true, false),
        on("{\"name\": {\"$neq\": \"x\"}}", true, false),
        on("{\"name\": {\"$gt\": \"Cafe\"}}", true, false),
        on("{\"name\": {\"$lt\": \"D\"}}", true, false),
        on("{\"name\": {\"$gte\": \"Café_50%\"}}", true, false),
        on("{\"name\": {\"$lte\": \"Café_50\"}}", false, false),
        on("{\"name\": {\"$like\": \"Caf__50\\\\%\"}}", true, false),
        on("{\"name\": {\"$like\": \"%50%\"}}", true, false),
        on("{\"name\": {\"$like\": \"caf%\"}}", false, false),
        on("{\"name\": {\"$like\": \"Café\\\\_50%_\"}}", true, false),
        on("{\"name\": {\"$like\": \"Café\\\\_50\\\\%_\"}}", false, false),
        on("{\"name\": {\"$like\": \"C%%%\"}}", true, false),
        on("{\"name\": {\"$notlike\": \"%x%\"}}", true, false),
        on("{\"name\": {\"$notlike\": \"C%\"}}", false, false),
        on("{\"name\": {\"$contains\": \"_50%\"}}", true, false),
        on("{\"name\": {\"$contains\": \"é_5\"}}", true, false),
        on("{\"name\": {\"$contains\": \"E\"}}", false, false),
        on("{\"name\": {\"$contains\": \"\"}}", true, false),
        on("{\"name\": {\"$contains\": \"f%50\"}}", false, false),
        on("{\"name\": {\"$notcontains\": \"zz\"}}", true, false),
        on("{\"name\": {\"$containsfold\": \"CAFÉ\"}}", true, false),
        on("{\"name\": {\"$containsfold\": \"É_5\"}}", true, false),
        on("{\"name\": {\"$containsfold\": \"e_5\"}}", false, false),
        on("{\"name\": {\"$notcontainsfold\": \"café\"}}", false, false),
        on("{\"name\": {\"$notcontainsfold\": \"tea\"}}", true, false),
        on("{\"name\": {\"$in\": [\"a\", \"Café_50%\"]}}", true, false),
        on("{\"name\": {\"$in\": [\"a\", null]}}", false, false),
        on("{\"name\": {\"$nin\": [\"a\"]}}", true, false),
        on("{\"name\": {\"$nin\": [\"a\", null]}}", false, false),
        on("{\"name\": {\"$nin\": [\"Café_50%\"]}}", false, false),
        on("{\"name\": {\"$null\": true}}", false, true),
        on("{\"name\": {\"$null\": false}}", true, false),
        on("{\"name\": null}", false, false),
        on("{\"name\": []}", false, false),
        on("{\"name\": {\"$neq\": null}}", false, false),
        on("{\"bio\": {\"$contains\": \"\\\\\"}}", true, false),
        on("{\"bio\": {\"$like\": \"Line\\\\\\\\one\"}}", true, false),
        on("{\"bio\": {\"$like\": \"Line\\\\one\"}}", false, false),
        // Enums: values must be members, then they behave as strings.
        on("{\"status\": \"in_review\"}", true, false),
        on("{\"status\": {\"$like\": \"in_review\"}}", true, false),
        on("{\"status\": {\"$gt\": \"draft\"}}", true, false),
        on("{\"status\": {\"$in\": [\"draft\", \"ARCHIVED\"]}}", false, false),
        // Integers: numbers (float64) and numeric strings (exact).
        on("{\"views\": 42}", true, false),
        on("{\"views\": \"42\"}", true, false),
        on("{\"views\": \"+0042\"}", true, false),
        on("{\"views\": 42.0}", true, false),
        on("{\"views\": 4.2e1}", true, false),
        on("{\"views\": {\"$gt\": 41}}", true, false),
        on("{\"views\": {\"$lt\": \"100\"}}", true, false),
        on("{\"views\": {\"$gte\": 42, \"$lte\": 42}}", true, false),
        on("{\"views\": {\"$gt\": 40, \"$lt\": 41}}", false, false),
        on("{\"views\": {\"$in\": [1, 42]}}", true, false),
        on("{\"views\": {\"$nin\": [1, 2]}}", true, false),
        on("{\"views\": {\"$neq\": 1}}", true, false),
        on("{\"views\": {\"$null\": true}}", false, true),
        on("{\"rank\": {\"$gte\": -7}}", true, false),
        on("{\"rank\": {\"$lt\": \"-7\"}}", false, false),
        // A NULL uint is 0 to clients, and NULL to filters (issue: NULL uints matched 0).
        on("{\"stock\": 0}", true, false),
        on("{\"stock\": {\"$lt\": 1}}", true, false),
        on("{\"stock\": {\"$in\": [0, 1]}}", true, false),
        on("{\"stock\": {\"$null\": true}}", false, true),
        on("{\"stock\": {\"$null\": false}}", true, false),
        // Floats; a float32 column compares in single precision.
        on("{\"score\": -1.5}", true, false),
        on("{\"score\": {\"$gt\": -2}}", true, false),
        on("{\"score\": {\"$lt\": -1.5}}", false, false),
        on("{\"ratio\": 0.1}", true, false),
        on("{\"ratio\": {\"$gt\": 0.1}}", false, false),
        on("{\"ratio\": {\"$lt\": 0.100000002}}", false, false),
        on("{\"ratio\": {\"$lt\": 0.10000001}}", true, false),
        on("{\"ratio\": {\"$lt\": 0.1000001}}", true, false),
        // Booleans.
        on("{\"active\": true}", true, false),
        on("{\"active\": false}", false, false),
        on("{\"active\": {\"$neq\": false}}", true, false),
        on("{\"active\": {\"$neq\": true}}", false, false),
        on("{\"active\": {\"$gt\": false}}", true, false),
        on("{\"active\": {\"$in\": [false]}}", false, false),
        on("{\"active\": {\"$nin\": [false]}}", true, false),
        // Times: offsets honoured, zoneless read as UTC, fractions rounded to microseconds.
        on("{\"published_at\": \"2024-03-01T19:00:00+07:00\"}", true, false),
        on("{\"published_at\": \"2024-03-01 12:00:00\"}", true, false),
        on("{\"published_at\": \"2024-03-01T12:00:00.000Z\"}", true, false),
        on("{\"published_at\": \"2024-03-01T7:00:00-05:00\"}", true, false),
        on("{\"published_at\": {\"$gt\": \"2024-03-01T11:59:59.999999Z\"}}", true, false),
        on("{\"published_at\": {\"$lt\": \"2024-03-01T12:00:00.0000004Z\"}}", false, false),
        on("{\"published_at\": {\"$gte\": \"2024-03-01T12:00:00.0000006Z\"}}", false, false),
        on(
            "{\"published_at\": {\"$in\": [\"2024-03-01 13:00:00\", "
                + "\"2024-03-01T13:00:00+01:00\"]}}",
            true,
            false),
        // Uuids: any case and PostgreSQL's other spellings; unsigned order; NULL is not the zero
        // uuid (that is only what clients are shown for it).
        on("{\"ref\": \"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\"}", true, false),
        on("{\"ref\": \"{a0eebc999c0b4ef8bb6d6bb9bd380a11}\"}", true, false),
        on("{\"ref\": {\"$gt\": \"80000000-0000-0000-0000-000000000000\"}}", true, false),
        on("{\"ref\": {\"$null\": true}}", false, true),
        on("{\"ref\": \"" + ZERO + "\"}", false, false),
        on("{\"category_id\": {\"$neq\": \"" + ZERO + "\"}}", true, false),
        // Json: jsonb equality and ordering.
        on("{\"meta\": \"{\\\"a\\\": \\\"x\\\", \\\"b\\\": [1.0, 2]}\"}", true, false),
        on("{\"meta\": \"{\\\"a\\\": \\\"x\\\"}\"}", false, false),
        on("{\"meta\": {\"$neq\": \"{\\\"a\\\": \\\"x\\\"}\"}}", true, false),
        on("{\"meta\": {\"$gt\": \"{\\\"z\\\": 1}\"}}", true, false),
        on("{\"meta\": {\"$lt\": \"{\\\"a\\\": \\\"x\\\", \\\"b\\\": [1, 3]}\"}}", true, false),
        on(
            "{\"meta\": {\"$in\": [\"{\\\"a\\\": 1}\","
                + " \"{\\\"b\\\": [1, 2], \\\"a\\\": \\\"x\\\"}\"]}}",
            true,
            false),
        on("{\"meta\": {\"$null\": false}}", true, false),
        // Bytes: only NULL tests reach the database.
        on("{\"blob\": {\"$null\": false}}", true, false),
        on("{\"blob\": {\"$null\": true}}", false, true),
        on("{\"blob\": null}", false, false),
        // A relation named without a dot: its foreign key, with NOT EXISTS for negations.
        on("{\"category\": \"" + C1.toUpperCase() + "\"}", true, false),
        on("{\"category\": {\"$neq\": \"" + C1 + "\"}}", false, true),
        on("{\"category\": {\"$neq\": \"" + C2 + "\"}}", true, true),
        on("{\"category\": {\"$in\": [\"" + C1 + "\", \"" + C2 + "\"]}}", true, false),
        on("{\"category\": {\"$nin\": [\"" + C2 + "\"]}}", true, true),
        on("{\"category\": {\"$gt\": \"" + C2 + "\"}}", false, false),
        on("{\"category\": {\"$null\": true}}", false, false),
        on("{\"category\": {\"$null\": false}}", true, false),
        on("{\"category\": null}", false, false),
        on("{\"category\": {\"$neq\": null}}", true, true),
        // The foreign key column itself is a plain uuid field.
        on("{\"category_id\": {\"$neq\": \"" + C2 + "\"}}", true, false),
        on("{\"category_id\": {\"$null\": true}}", false, true),
        // Groups, with FastSchema's handling of empty elements.
        on("{\"$or\": [{\"name\": \"x\"}, {\"views\": 42}]}", true, false),
        on("{\"$and\": [{\"name\": \"x\"}, {\"views\": 42}]}", false, false),
        on("{\"$or\": [{}, {\"name\": \"x\"}]}", false, false),
        on(
            "{\"$or\": [{\"$and\": [{\"views\": 42}, {\"active\": true}]}, {\"stock\": 5}]}",
            true,
            false),
        on(
            "{\"$or\": [{\"views\": 42, \"active\": false}, {\"name\": {\"$null\": true}}]}",
            false,
            true),
        on("{\"views\": 42, \"$or\": [{\"stock\": 1}, {\"stock\": 0}]}", true, false),
        // Lenient syntax: trailing commas, repeated keys (last value wins).
        on("{\"views\": {\"$gt\": 1,}, }", true, false),
        on("{\"views\": 1, \"views\": 42}", true, false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void matchesWhatPostgresReturns(String filter, boolean onFull, boolean onNulls)
      throws FilterException {
    RowFilter compiled = RowFilter.parse(filter, FilterFixtures.post(), FilterFixtures.catalog());
    assertEquals(onFull, compiled.matches(FULL), "row with values");
    assertEquals(onNulls, compiled.matches(NULLS), "row with NULLs");
  }

  @Test
  void emptyFiltersMatchEverything() throws FilterException {
    for (String filter :
        new String[] {null, "", "{}", " {} ", "{\"$or\": [{}]}", "{\"$and\": [{}, {}]}"}) {
      RowFilter compiled = RowFilter.parse(filter, FilterFixtures.post());
      assertTrue(compiled.matchesAll(), filter);
      assertTrue(compiled.matches(NULLS), filter);
    }
    assertFalse(RowFilter.parse("{\"views\": 1}", FilterFixtures.post()).matchesAll());
  }

  @Test
  void textAfterTheClosingBraceIsIgnoredAsByJsonparser() throws FilterException {
    assertTrue(RowFilter.parse("{\"views\": 42} trailing", FilterFixtures.post()).matches(FULL));
    assertTrue(RowFilter.parse("\n {\"views\": 42}}", FilterFixtures.post()).matches(FULL));
  }

  @Test
  void integersBeyondFloat64PrecisionCompareAsFastSchemaBindsThem() throws FilterException {
    ObjectNode row = FilterFixtures.row("{\"stock\": 0, \"views\": 9007199254740993}");
    // A JSON number is a Go float64 (…992); a string is parsed exactly by PostgreSQL.
    assertFalse(
        RowFilter.parse("{\"views\": 9007199254740993}", FilterFixtures.post()).matches(row));
    assertTrue(
        RowFilter.parse("{\"views\": \"9007199254740993\"}", FilterFixtures.post()).matches(row));
  }

  @Test
  void jsonbOrdersTopLevelScalarsBetweenEmptyAndOneElementArrays() throws FilterException {
    RowFilter belowObject = RowFilter.parse("{\"meta\": {\"$lt\": \"{}\"}}", FilterFixtures.post());
    assertTrue(belowObject.matches(FilterFixtures.row("{\"stock\": 0, \"meta\": 5}")));
    assertTrue(belowObject.matches(FilterFixtures.row("{\"stock\": 0, \"meta\": [1, 2]}")));
    assertFalse(belowObject.matches(FilterFixtures.row("{\"stock\": 0, \"meta\": {}}")));
  }

  @Test
  void anArrayComparedWithJsonIsTheJsonArrayGoMarshals() throws FilterException {
    // FastSchema validates each element (a string holding an object); pgx json.Marshals the
    // slice, so the column is compared with an array of strings.
    RowFilter filter = RowFilter.parse("{\"meta\": [\"{\\\"a\\\":1}\"]}", FilterFixtures.post());
    assertTrue(filter.matches(FilterFixtures.row("{\"stock\": 0, \"meta\": [\"{\\\"a\\\":1}\"]}")));
    assertFalse(filter.matches(FilterFixtures.row("{\"stock\": 0, \"meta\": [{\"a\": 1}]}")));
  }

  private static Arguments on(String filter, boolean onFull, boolean onNulls) {
    return Arguments.of(filter, onFull, onNulls);
  }
}
