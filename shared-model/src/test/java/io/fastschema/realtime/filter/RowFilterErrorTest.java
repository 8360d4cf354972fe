package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error texts, exactly as FastSchema produces them ({@code db/predicate_test.go}, spec section 5),
 * and ours for what FastSchema accepts but this broker or PostgreSQL cannot run.
 */
class RowFilterErrorTest {

  private static final String NOT_FOUND =
      "filter error: [field.not_found] schema '%s', field"
          + " '%s': field '%s' is not defined in schema '%s'";

  static Stream<Arguments> fastSchemaErrors() {
    return Stream.of(
        // Syntax.
        error("_", "filter error: Value looks like object, but can't find closing '}' symbol"),
        error("[1]", "filter error: Value looks like object, but can't find closing '}' symbol"),
        error("  ", "filter error: Value looks like object, but can't find closing '}' symbol"),
        error(
            "{\"$or\": [1, {}]}",
            "filter error: cannot mix entities and non-entities in a slice: $or=[1,{}]"),
        // Fields and operators.
        error("{\"invalid_field\": 1}", notFound("post", "invalid_field")),
        error("{\"$not\": {\"name\": 1}}", notFound("post", "$not")),
        error(
            "{\"name\": {\"$invalid\": 1}}",
            "filter error: invalid operator $invalid for field name"),
        error(
            "{\"name\": {\"invalid\": 1}}",
            "filter error: invalid operator invalid for field name"),
        error("{\"name\": {}}", "invalid field predicates"),
        // Types (the check comes before the operator's own rule).
        error(
            "{\"name\": {\"$eq\": false}}",
            "filter error: invalid value for field name.$eq (string) = false (bool)"),
        error(
            "{\"name\": {\"$like\": 1}}",
            "filter error: invalid value for field name.$like (string) = 1 (float64)"),
        error(
            "{\"name\": {\"$notlike\": 123}}",
            "filter error: invalid value for field name.$notlike (string) = 123 (float64)"),
        error(
            "{\"name\": {\"$contains\": 123}}",
            "filter error: invalid value for field name.$contains (string) = 123 (float64)"),
        error(
            "{\"name\": {\"$notcontains\": 123}}",
            "filter error: invalid value for field name.$notcontains (string) = 123 (float64)"),
        error(
            "{\"name\": {\"$containsfold\": 123}}",
            "filter error: invalid value for field name.$containsfold (string) = 123 (float64)"),
        error(
            "{\"name\": {\"$notcontainsfold\": 123}}",
            "filter error: invalid value for field"
                + " name.$notcontainsfold (string) = 123 (float64)"),
        error(
            "{\"name\": {\"$in\": 2}}",
            "filter error: invalid value for field name.$in (string) = 2 (float64)"),
        error("{\"stock\": {\"$in\": 2}}", "filter error: $in operator must be an array"),
        error("{\"views\": {\"$nin\": 2}}", "filter error: $nin operator must be an array"),
        error("{\"views\": {\"$in\": []}}", "filter error: $in operator must be an array"),
        error("{\"views\": {\"$nin\": null}}", "filter error: $nin operator must be an array"),
        error("{\"name\": {\"$null\": \"x\"}}", "filter error: $null operator must be a boolean"),
        error("{\"views\": {\"$null\": 1}}", "filter error: $null operator must be a boolean"),
        error("{\"name\": {\"$like\": null}}", "filter error: $like operator must be a string"),
        error("{\"views\": {\"$like\": 5}}", "filter error: $like operator must be a string"),
        error(
            "{\"active\": {\"$contains\": true}}",
            "filter error: $contains operator must be a string"),
        error(
            "{\"stock\": \"five\"}",
            "filter error: invalid value for field stock (uint) = five (string)"),
        error(
            "{\"views\": {\"$gt\": \"abc\"}}",
            "filter error: invalid value for field views.$gt (int) = abc (string)"),
        error(
            "{\"views\": 5.5}",
            "filter error: invalid value for field views (int) = 5.5 (float64)"),
        error(
            "{\"views\": true}", "filter error: invalid value for field views (int) = true (bool)"),
        error(
            "{\"stock\": -1}", "filter error: invalid value for field stock (uint) = -1 (float64)"),
        error(
            "{\"stock\": \"-2\"}",
            "filter error: invalid value for field stock (uint) = -2 (string)"),
        error(
            "{\"score\": \"1.5\"}",
            "filter error: invalid value for field score (float64) = 1.5 (string)"),
        error(
            "{\"status\": \"nope\"}",
            "filter error: invalid value for field status (enum) = nope (string)"),
        error(
            "{\"status\": {\"$like\": \"dra%\"}}",
            "filter error: invalid value for field status.$like (enum) = dra% (string)"),
        error(
            "{\"active\": \"true\"}",
            "filter error: invalid value for field active (bool) = true (string)"),
        error(
            "{\"published_at\": \"2024-01-01\"}",
            "filter error: invalid value for field published_at (time) = 2024-01-01 (string)"),
        error(
            "{\"published_at\": \"2024-02-30 10:00:00\"}",
            "filter error: invalid value for"
                + " field published_at (time) = 2024-02-30 10:00:00 (string)"),
        error(
            "{\"published_at\": \"2024-01-01T10:00:00\"}",
            "filter error: invalid value for"
                + " field published_at (time) = 2024-01-01T10:00:00 (string)"),
        error("{\"ref\": 5}", "filter error: invalid value for field ref (uuid) = 5 (float64)"),
        error(
            "{\"meta\": \"[1]\"}",
            "filter error: invalid value for field meta (json) = [1] (string)"),
        error(
            "{\"meta\": {\"$eq\": {\"a\": 1}}}",
            "filter error: invalid value for field meta.$eq (json) = {\"a\":1} (*entity.Entity)"),
        error(
            "{\"blob\": \"aGk=\"}",
            "filter error: invalid value for field blob (bytes) = aGk= (string)"),
        error(
            "{\"views\": {\"$in\": [1, \"x\", null]}}",
            "filter error: invalid value for field views.$in (int) = [1 x <nil>] ([]interface {})"),
        error(
            "{\"name\": {\"$in\": [{\"a\": 1}]}}",
            "filter error: invalid value for field"
                + " name.$in (string) = [{\"a\":1}] ([]*entity.Entity)"),
        error(
            "{\"name\": 12345678}",
            "filter error: invalid value for field name (string) = 1.2345678e+07 (float64)"),
        error(
            "{\"name\": 0.00001}",
            "filter error: invalid value for field name (string) = 1e-05 (float64)"),
        // $and / $or.
        error("{\"$or\": {}}", "invalid $or/$and value"),
        error("{\"$or\": []}", "invalid $or/$and value"),
        error("{\"$and\": [1]}", "invalid $or/$and value"),
        error(
            "{\"$or\": [{\"stock\": \"five\"}]}",
            "filter error: invalid value for field stock (uint) = five (string)"),
        error("{\"$and\": [{\"$or\": [{\"nope\": 1}]}]}", notFound("post", "nope")),
        // Relations: no type check without a dot, but operator rules apply.
        error("{\"category\": {\"$like\": 5}}", "filter error: $like operator must be a string"),
        error("{\"category\": {\"$in\": \"x\"}}", "filter error: $in operator must be an array"),
        error(
            "{\"tags\": {\"$bogus\": 1}}", "filter error: invalid operator $bogus for field tags"),
        // Relation paths (checked with the catalog before being refused).
        error(
            "{\"category.\": {\"$like\": \"x\",}}",
            "filter error: category. is not a valid relation field"),
        error("{\".name\": 1}", "filter error: .name is not a valid relation field"),
        error("{\"groups.name\": {\"$like\": \"x\"}}", notFound("post", "groups")),
        error(
            "{\"views.name\": {\"$like\": \"x\"}}",
            "filter error: views.name is not a relation field"),
        error("{\"category.name2\": 1}", notFound("category", "name2")),
        error(
            "{\"category.posts\": {\"$like\": \"carmodel\"}}",
            "filter error: invalid value for field posts.$like (relation) = carmodel (string)"),
        error(
            "{\"category.name\": {\"$gt\": 1}}",
            "filter error: invalid value for field name.$gt (string) = 1 (float64)"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fastSchemaErrors")
  void reportsFastSchemasErrorText(String filter, String message) {
    FilterException error =
        assertThrows(
            FilterException.class,
            () -> RowFilter.parse(filter, FilterFixtures.post(), FilterFixtures.catalog()));
    assertEquals(message, error.getMessage());
  }

  static Stream<Arguments> refusedByUs() {
    return Stream.of(
        error(
            "{\"category.name\": \"x\"}",
            "filter error: relation path category.name is not"
                + " supported yet by realtime filters (only fields of this table can be filtered)"),
        error(
            "{\"tags\": \"x\"}",
            "filter error: filter on relation field tags is not supported"
                + " yet by realtime filters (only a relation whose foreign key column is in this"
                + " table can be filtered)"),
        error(
            "{\"views\": {\"$gt\": \"1e3\"}}",
            "filter error: invalid value for field"
                + " views.$gt (int) = 1e3 (string): invalid input syntax for type bigint: \"1e3\""),
        error(
            "{\"views\": \"Inf\"}",
            "filter error: invalid value for field views (int) = Inf"
                + " (string): invalid input syntax for type bigint: \"Inf\""),
        error(
            "{\"views\": \"99999999999999999999\"}",
            "filter error: invalid value for field"
                + " views (int) = 99999999999999999999 (string): value \"99999999999999999999\" is"
                + " out of range for type bigint"),
        error(
            "{\"views\": 1e19}",
            "filter error: invalid value for field views (int) = 1e+19"
                + " (float64): 10000000000000000000.000000 is greater than maximum value for int64"),
        error(
            "{\"rank\": 40000}",
            "filter error: invalid value for field rank (int16) = 40000"
                + " (float64): 40000 is greater than maximum value for int2"),
        error(
            "{\"ref\": \"abc\"}",
            "filter error: invalid value for field ref (uuid) = abc"
                + " (string): invalid input syntax for type uuid: \"abc\""),
        error(
            "{\"category\": \"abc\"}",
            "filter error: invalid value for field category"
                + " (relation) = abc (string): invalid input syntax for type uuid: \"abc\""),
        error(
            "{\"category\": 5}",
            "filter error: invalid value for field category (relation)"
                + " = 5 (float64): a float64 value cannot be sent as a uuid parameter"),
        error(
            "{\"views\": {\"$like\": \"5\"}}",
            "filter error: operator $like is not supported"
                + " for field views (int): operator does not exist: bigint ~~ unknown"),
        error(
            "{\"ref\": {\"$containsfold\": \"a\"}}",
            "filter error: operator $containsfold is"
                + " not supported for field ref (uuid): operator does not exist: uuid ~~* unknown"),
        error(
            "{\"name\": {\"$like\": \"ab\\\\\"}}",
            "filter error: invalid value for field"
                + " name.$like (string) = ab\\ (string): LIKE pattern must not end with escape"
                + " character"),
        error(
            "{\"meta\": \"{\\\"a\\\": 1,}\"}",
            "filter error: invalid value for field meta"
                + " (json) = {\"a\": 1,} (string): invalid input syntax for type json"),
        error(
            "{\"published_at\": \"0000-01-01 00:00:00\"}",
            "filter error: invalid value for"
                + " field published_at (time) = 0000-01-01 00:00:00 (string): date/time field value"
                + " out of range: \"0000-01-01 00:00:00\""),
        error(
            "{\"published_at\": \"2024-01-01T10:00:00+16:00\"}",
            "filter error: invalid value"
                + " for field published_at (time) = 2024-01-01T10:00:00+16:00 (string): time zone"
                + " displacement out of range: \"2024-01-01T10:00:00+16:00\""),
        error(
            "{\"name\": {\"$like\": \"%" + "a".repeat(1024) + "b\"}}",
            "filter error: operator $like on field name: the value is 1026 characters long,"
                + " longer than the 1024 realtime allows"),
        error(
            "{\"name\": {\"$notcontainsfold\": \"" + "_".repeat(1025) + "\"}}",
            "filter error: operator $notcontainsfold on field name: the value is 1025"
                + " characters long, longer than the 1024 realtime allows"),
        error(
            "{\"name\": [\"a\", \"b\"]}",
            "filter error: invalid value for field name (string)"
                + " = [a b] ([]interface {}): a []interface {} value cannot be sent as a character"
                + " varying parameter"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refusedByUs")
  void refusesWhatCannotRunWithAClearMessage(String filter, String message) {
    FilterException error =
        assertThrows(
            FilterException.class,
            () -> RowFilter.parse(filter, FilterFixtures.post(), FilterFixtures.catalog()));
    assertEquals(message, error.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("fastSchemaErrors")
  void withoutCatalogRelationPathsAreStillRefused(String filter, String message) {
    FilterException error =
        assertThrows(FilterException.class, () -> RowFilter.parse(filter, FilterFixtures.post()));
    if (!filter.contains("category.")) {
      assertEquals(message, error.getMessage());
    } else {
      assertTrue(error.getMessage().startsWith("filter error: "), error.getMessage());
    }
  }

  private static Arguments error(String filter, String message) {
    return Arguments.of(filter, message);
  }

  private static String notFound(String schema, String field) {
    return String.format(NOT_FOUND, schema, field, field, schema);
  }
}
