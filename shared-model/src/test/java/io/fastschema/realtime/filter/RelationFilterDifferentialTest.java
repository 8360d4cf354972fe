package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Relation filters in memory against PostgreSQL: tables of every relation shape ({@link
 * RelationFixtures}) with random rows, random valid relation filters ({@link
 * RelationFilterGenerator}) on each schema as root, and for each filter the rows PostgreSQL returns
 * for the SQL FastSchema builds ({@link RelationSqlTranslator}) must be the rows {@link
 * RowFilter#parseWithRelations} matches given the same tables as {@link RelatedRows} ({@link
 * TableRelatedRows}).
 *
 * <p>Reproducible: the seed is printed and in every failure; rerun with {@code
 * -Drelations.seed=<seed>}; {@code -Drelations.cases=<n>} (default 4000) sets the number of
 * filters.
 */
@ExtendWith(SharedServicesExtension.class)
class RelationFilterDifferentialTest {

  private static final String[] ROOTS = {"blog", "category", "tag", "comment", "profile"};

  @Test
  void relationFiltersMatchWhatPostgresReturns(SharedServices services) throws Exception {
    int cases = Integer.getInteger("relations.cases", 4000);
    RelationTables.withTables(
        services,
        "RelationFilterDifferentialTest",
        run -> {
          RelationFilterGenerator generator =
              new RelationFilterGenerator(run.random(), run.catalog(), run.tables());
          List<String> mismatches = new ArrayList<>();
          int empty = 0;
          int negatedHops = 0;
          for (int i = 0; i < cases; i++) {
            Schema root =
                run.catalog().schema(ROOTS[run.random().nextInt(ROOTS.length)]).orElseThrow();
            ObjectNode filter = generator.next(root);
            String json = filter.toString();
            EntSqlTranslator.Sql sql = RelationSqlTranslator.translate(filter, root, run.catalog());
            negatedHops +=
                sql.where().contains("NOT (EXISTS") || sql.where().contains("NOT (t") ? 1 : 0;
            RowFilter compiled;
            try {
              compiled = RowFilter.parseWithRelations(json, root, run.catalog());
            } catch (FilterException e) {
              fail(
                  "[seed "
                      + run.seed()
                      + "] refused: "
                      + root.name()
                      + " "
                      + json
                      + ": "
                      + e.getMessage());
              return;
            }
            Set<String> expected = postgres(run.db(), root, sql, run.seed(), json);
            Set<String> actual = new TreeSet<>();
            for (ObjectNode row : run.tables().bySchema.get(root.name())) {
              if (compiled.matches(row, run.related())) {
                actual.add(row.get("id").asText());
              }
            }
            empty += expected.isEmpty() ? 1 : 0;
            if (!expected.equals(actual) && mismatches.size() < 5) {
              mismatches.add(
                  root.name()
                      + " "
                      + json
                      + "\n  sql "
                      + sql
                      + "\n  postgres "
                      + expected
                      + "\n  memory   "
                      + actual);
            }
          }
          System.out.printf(
              "RelationFilterDifferentialTest: seed=%d, %d filters, %d matched nothing,"
                  + " %d with an anti-join, %d disagreed%n",
              run.seed(), cases, empty, negatedHops, mismatches.size());
          assertTrue(
              mismatches.isEmpty(),
              "[seed "
                  + run.seed()
                  + "] filters disagree with PostgreSQL:\n"
                  + String.join("\n", mismatches));
          assertTrue(empty < cases * 0.8, "the generator should produce filters that match rows");
        });
  }

  private static Set<String> postgres(
      Connection db, Schema root, EntSqlTranslator.Sql sql, long seed, String json)
      throws SQLException {
    Set<String> ids = new TreeSet<>();
    String query = "SELECT t0.id FROM " + root.table() + " AS t0 WHERE " + sql.where();
    try (PreparedStatement statement = db.prepareStatement(query)) {
      for (int i = 0; i < sql.params().size(); i++) {
        statement.setObject(i + 1, sql.params().get(i), Types.OTHER);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      fail("[seed " + seed + "] PostgreSQL rejected " + json + "\n  " + query + "\n  " + e);
    }
    return ids;
  }
}
