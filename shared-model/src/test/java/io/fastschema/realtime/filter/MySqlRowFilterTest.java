package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filters compiled for {@link SqlDialect#MYSQL}: the answers MariaDB 11.4 gives for FastSchema's
 * SQL on its {@code utf8mb4_unicode_ci} tables (each checked there by hand; FilterDifferentialTest
 * checks generated ones), against PostgreSQL's, and the filters refused on MySQL with the reason.
 */
class MySqlRowFilterTest {

  private static final Schema POST = FilterFixtures.post();

  @ParameterizedTest(name = "{0} on {1}: MySQL {2}, PostgreSQL {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"name": "ÉTÉ"}                            | {"name": "ete"}      | true  | false
          {"name": "ete"}                            | {"name": "ete  "}    | true  | false
          {"name": "ete"}                            | {"name": "ete\\t"}   | false | false
          {"name": "strasse"}                        | {"name": "Straße"}   | true  | false
          {"name": "😀"}                             | {"name": "🐈"}       | true  | false
          {"name": {"$in": ["x", "ÉTÉ "]}}           | {"name": "ete"}      | true  | false
          {"name": {"$gt": "b"}}                     | {"name": "Á"}        | false | true
          {"name": {"$lt": "ete!"}}                  | {"name": "ete"}      | true  | true
          {"name": {"$like": "ete"}}                 | {"name": "ÉtÉ"}      | true  | false
          {"name": {"$like": "ete"}}                 | {"name": "ete "}     | false | false
          {"name": {"$like": "stra_e"}}              | {"name": "straße"}   | true  | true
          {"name": {"$like": "strasse"}}             | {"name": "straße"}   | false | false
          {"name": {"$like": "_"}}                   | {"name": "😀"}       | true  | true
          {"name": {"$like": "🐈"}}                  | {"name": "😀"}       | false | false
          {"name": {"$like": "a\\\\_"}}              | {"name": "a＿"}      | true  | false
          {"name": {"$contains": "É"}}               | {"name": "café"}     | true  | false
          {"name": {"$containsfold": "s"}}           | {"name": "ß"}        | true  | false
          {"name": {"$containsfold": "🐈"}}          | {"name": "😀"}       | true  | false
          {"name": {"$notcontainsfold": "E"}}        | {"name": "é"}        | false | true
          {"views": "5.0"}                           | {"views": 5}         | true  | false
          {"views": "1e3"}                           | {"views": 1000}      | true  | false
          {"ratio": 0.1}                             | {"ratio": 0.1}       | false | true
          {"score": 0.1}                             | {"score": 0.1}       | true  | true
          {"published_at": "2024-03-01T12:00:00.0000009Z" } | {"published_at": "2024-03-01T12:00:00Z"} | true | false
          {"published_at": {"$gt": "2024-03-01 12:00:00.5"}} | {"published_at": "2024-03-01T12:00:01Z"} | true | true
          {"active": {"$gt": false}}                 | {"active": true}     | true  | true
          """)
  void answersAsTheDatabaseDoes(String filter, String row, boolean mySql, boolean postgres)
      throws FilterException {
    ObjectNode parsed = FilterFixtures.row(row);
    assertEquals(
        mySql, RowFilter.parse(filter, POST, null, SqlDialect.MYSQL).matches(parsed), "MySQL");
    if (!filter.contains("\"5.0\"") && !filter.contains("1e3")) {
      assertEquals(postgres, RowFilter.parse(filter, POST).matches(parsed), "PostgreSQL");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"ref": {"$gt": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}}  | uuids are compared by equality only
          {"ref": "A0EEBC999C0B4EF8BB6D6BB9BD380A11"}              | canonical 8-4-4-4-12 form only
          {"meta": {"$eq": "{}"}}                                   | json fields with $null only
          {"meta": {"$lt": "{}"}}                                   | json fields are compared with $null only
          {"published_at": "2024-03-01T12:00:00+02:00"}             | in UTC ('Z' or '+00:00')
          {"views": 9007199254740992}                               | below 2^53 in magnitude
          {"views": "0x1p4"}                                        | plain decimals only
          {"views": "5.0000000000000001"}                           | integers only
          """)
  void refusesWhatMySqlAndMariaDbAnswerDifferently(String filter, String reason) {
    FilterException e =
        assertThrows(
            FilterException.class, () -> RowFilter.parse(filter, POST, null, SqlDialect.MYSQL));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void equalityKeyFindsRowsEqualUnderTheCollation() throws FilterException {
    EqualityKey key =
        RowFilter.parse("{\"name\": \"Straße \"}", POST, null, SqlDialect.MYSQL)
            .equalityKey()
            .orElseThrow();
    assertTrue(key.values().contains(key.valueOf(FilterFixtures.row("{\"name\": \"STRASSE\"}"))));
    assertTrue(!key.values().contains(key.valueOf(FilterFixtures.row("{\"name\": \"strase\"}"))));
  }

  @Test
  void noCodePointRangeForACollatedLike() throws FilterException {
    // A prefix interval in code point order would miss "Éte" for "ete%".
    assertTrue(
        RowFilter.parse("{\"name\": {\"$like\": \"ete%\"}}", POST, null, SqlDialect.MYSQL)
            .rangeKey()
            .isEmpty());
  }
}
