package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Relation selects in memory against PostgreSQL: the tables of {@link
 * RelationFilterDifferentialTest} ({@link RelationFixtures}, {@link RelationTables}), random valid
 * select lists ({@link RelationSelectGenerator}) on each schema as root, and for each list ten
 * random root rows as {@link RelationProjection#apply} writes them must be the JSON PostgreSQL
 * builds for the query FastSchema runs ({@link RelationSelectSqlTranslator}).
 *
 * <p>Compared as FastSchema defines the result: objects as maps (FastSchema sets relation keys in
 * Go map order), but the order of a level's scalar keys (FastSchema's column order) and of every
 * array (by primary key) must agree too.
 *
 * <p>Reproducible: the seed is printed and in every failure; rerun with {@code
 * -Drelations.seed=<seed>}; {@code -Drelations.selects=<n>} (default 4000) sets the number of
 * select lists.
 */
@ExtendWith(SharedServicesExtension.class)
class RelationSelectDifferentialTest {

  private static final String[] ROOTS = {"blog", "category", "tag", "comment", "profile"};
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Select lists per statement: one round trip per batch, not per list. */
  private static final int BATCH = 25;

  /**
   * Root rows per select list, drawn at random: deep paths fan out (a category's blogs' tags'
   * blogs), so every row per list would cost PostgreSQL most of the run for little more coverage.
   */
  private static final int ROWS_PER_SELECT = 10;

  @Test
  void relationSelectsWriteWhatPostgresReturns(SharedServices services) throws Exception {
    int cases = Integer.getInteger("relations.selects", 4000);
    RelationTables.withTables(
        services,
        "RelationSelectDifferentialTest",
        run -> {
          RelationSelectGenerator generator =
              new RelationSelectGenerator(run.random(), run.catalog());
          List<String> mismatches = new ArrayList<>();
          int rows = 0;
          int nonEmptyArrays = 0;
          int disagreeing = 0;
          long postgresNanos = 0;
          long memoryNanos = 0;
          long started = System.nanoTime();
          for (int first = 0; first < cases; first += BATCH) {
            List<Case> batch = new ArrayList<>();
            for (int i = first; i < Math.min(cases, first + BATCH); i++) {
              Schema root =
                  run.catalog().schema(ROOTS[run.random().nextInt(ROOTS.length)]).orElseThrow();
              String select = generator.next(root);
              try {
                List<ObjectNode> sample = new ArrayList<>(run.tables().bySchema.get(root.name()));
                Collections.shuffle(sample, run.random());
                sample = sample.subList(0, Math.min(ROWS_PER_SELECT, sample.size()));
                List<String> ids = new ArrayList<>();
                for (ObjectNode row : sample) {
                  ids.add(row.get(root.primaryKey().name()).asText());
                }
                batch.add(
                    new Case(
                        root,
                        select,
                        RelationProjection.parse(select, root, run.catalog()),
                        RelationSelectSqlTranslator.translate(
                            batch.size(), select, root, run.catalog(), ids),
                        sample));
              } catch (ProjectionException e) {
                fail(
                    "[seed "
                        + run.seed()
                        + "] refused: "
                        + root.name()
                        + " "
                        + select
                        + ": "
                        + e.getMessage());
              }
            }
            long postgresStart = System.nanoTime();
            List<Map<String, JsonNode>> expected = postgres(run.db(), batch, run.seed());
            postgresNanos += System.nanoTime() - postgresStart;
            for (int c = 0; c < batch.size(); c++) {
              Case next = batch.get(c);
              boolean agreed = true;
              for (ObjectNode row : next.rows()) {
                String id = row.get(next.root().primaryKey().name()).asText();
                long memoryStart = System.nanoTime();
                ObjectNode actual = next.projection().apply(row, run.related());
                memoryNanos += System.nanoTime() - memoryStart;
                rows++;
                nonEmptyArrays += hasNonEmptyArray(actual) ? 1 : 0;
                JsonNode wanted = expected.get(c).get(id);
                String difference = JsonDifference.first(wanted, actual);
                if (difference != null && agreed) {
                  agreed = false;
                  disagreeing++;
                  if (mismatches.size() < 3) {
                    mismatches.add(
                        next.root().name()
                            + " select="
                            + next.select()
                            + " row "
                            + id
                            + ": "
                            + difference
                            + "\n  postgres "
                            + wanted
                            + "\n  memory   "
                            + actual
                            + (mismatches.isEmpty() ? "\n  sql " + next.sql() : ""));
                  }
                }
              }
            }
          }
          System.out.printf(
              "RelationSelectDifferentialTest: seed=%d, %d selects, %d rows compared, %d rows with a"
                  + " non-empty relation array, %d selects disagreed (%d ms: PostgreSQL %d ms,"
                  + " memory %d ms)%n",
              run.seed(),
              cases,
              rows,
              nonEmptyArrays,
              disagreeing,
              (System.nanoTime() - started) / 1_000_000,
              postgresNanos / 1_000_000,
              memoryNanos / 1_000_000);
          assertTrue(
              mismatches.isEmpty(),
              "[seed "
                  + run.seed()
                  + "] "
                  + disagreeing
                  + " selects disagree with PostgreSQL:\n"
                  + String.join("\n", mismatches));
          assertTrue(nonEmptyArrays > rows / 10, "the data should give relations to project");
        });
  }

  private static boolean hasNonEmptyArray(ObjectNode row) {
    for (JsonNode value : row) {
      if (value.isArray() && !value.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** One select list: what we apply, to which root rows, and the SQL PostgreSQL answers it with. */
  private record Case(
      Schema root,
      String select,
      RelationProjection projection,
      String sql,
      List<ObjectNode> rows) {}

  /** Per case of the batch, its rows' JSON by root primary key (one statement for the batch). */
  private static List<Map<String, JsonNode>> postgres(Connection db, List<Case> batch, long seed)
      throws Exception {
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (Case next : batch) {
      rows.add(new HashMap<>());
      queries.add(next.sql());
    }
    String sql = String.join(" UNION ALL ", queries);
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.get(rs.getInt(1)).put(rs.getString(2), JSON.readTree(rs.getString(3)));
      }
    } catch (SQLException e) {
      fail("[seed " + seed + "] PostgreSQL rejected\n  " + sql + "\n  " + e);
    }
    return rows;
  }

  /** The first place where two results differ, as FastSchema defines sameness; null if none. */
  static final class JsonDifference {

    private JsonDifference() {}

    static String first(JsonNode expected, JsonNode actual) {
      return first(expected, actual, "$");
    }

    private static String first(JsonNode expected, JsonNode actual, String path) {
      if (expected == null || actual == null) {
        return expected == actual ? null : path + ": postgres " + expected + ", memory " + actual;
      }
      if (expected.isObject() && actual.isObject()) {
        if (!keys(expected, false).equals(keys(actual, false))) {
          return path
              + ": keys postgres "
              + keys(expected, false)
              + ", memory "
              + keys(actual, false);
        }
        for (String key : keys(expected, false)) {
          String inner = first(expected.get(key), actual.get(key), path + "." + key);
          if (inner != null) {
            return inner;
          }
        }
        List<String> expectedOrder = keys(expected, true);
        List<String> actualOrder = keys(actual, true);
        return expectedOrder.equals(actualOrder)
            ? null
            : path + ": column order postgres " + expectedOrder + ", memory " + actualOrder;
      }
      if (expected.isArray() && actual.isArray()) {
        if (expected.size() != actual.size()) {
          return path
              + ": "
              + expected.size()
              + " records in postgres, "
              + actual.size()
              + " in memory";
        }
        for (int i = 0; i < expected.size(); i++) {
          String inner = first(expected.get(i), actual.get(i), path + "[" + i + "]");
          if (inner != null) {
            return inner;
          }
        }
        return null;
      }
      return expected.equals(actual)
          ? null
          : path + ": postgres " + expected + ", memory " + actual;
    }

    /** Sorted keys, or the scalar keys (columns) in order. */
    private static List<String> keys(JsonNode object, boolean scalarsInOrder) {
      List<String> keys = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!scalarsInOrder || !field.getValue().isContainerNode()) {
          keys.add(field.getKey());
        }
      }
      return scalarsInOrder ? keys : new ArrayList<>(new TreeSet<>(keys));
    }
  }
}
