package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-memory filter against PostgreSQL itself: random rows in a table shaped like FastSchema's,
 * random valid filters, and for each filter the set of rows PostgreSQL returns for FastSchema's SQL
 * ({@link EntSqlTranslator}) must equal the set {@link RowFilter} matches on the same rows read
 * back in FastSchema's JSON encoding.
 *
 * <p>Reproducible: the seed is printed (and is in every failure message); rerun with {@code
 * -Dfilter.seed=<seed>}. {@code -Dfilter.cases=<n>} changes the number of filters (default 3000),
 * {@code -Dfilter.rows=<n>} the number of rows (default 300).
 *
 * <p>The session time zone is UTC, the zone this broker assumes for FastSchema's server (see {@link
 * TimeLiteral}); the database's default collation is whatever the shared server has (glibc {@code
 * C.UTF-8}: code point order and Unicode lower-casing, as {@link TextType} and {@link Lowercase}
 * assume), and is printed.
 */
@ExtendWith(SharedServicesExtension.class)
class FilterDifferentialTest {

  private static final int MAX_REPORTED = 5;

  @Test
  void inMemoryFilterMatchesWhatPostgresReturns(SharedServices services) throws Exception {
    long seed = Long.getLong("filter.seed", System.nanoTime());
    int cases = Integer.getInteger("filter.cases", 3000);
    int rowCount = Integer.getInteger("filter.rows", 300);
    System.out.printf(
        "FilterDifferentialTest: seed=%d cases=%d rows=%d" + " (rerun with -Dfilter.seed=%d)%n",
        seed, cases, rowCount, seed);
    Random random = new Random(seed);
    SchemaCatalog catalog = FilterFixtures.catalog(DiffTable.TABLE, DiffTable.CATEGORIES);
    Schema post = catalog.schema("post").orElseThrow();
    List<UUID> categories = uuids(random, 4);
    // The zero uuid as a stored value: it is a value like any other, not FastSchema's NULL.
    List<UUID> refs = new java.util.ArrayList<>(uuids(random, 5));
    refs.add(new UUID(0, 0));

    try (Connection db = services.appDb().connect()) {
      try (Statement statement = db.createStatement()) {
        statement.execute("SET TIME ZONE 'UTC'");
      }
      System.out.println("FilterDifferentialTest: database collation " + collation(db));
      DiffTable.create(db);
      try {
        DiffTable.fill(db, random, categories, refs, rowCount);
        List<ObjectNode> rows = DiffTable.readRows(db, random);
        FilterGenerator generator = new FilterGenerator(random, rows, categories, refs);
        Outcome outcome = new Outcome(seed);
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
          ObjectNode filter = generator.next();
          compare(db, post, catalog, rows, filter, outcome);
        }
        outcome.report(cases, rows.size(), (System.nanoTime() - started) / 1_000_000);
      } finally {
        DiffTable.drop(db);
      }
    }
  }

  private static void compare(
      Connection db,
      Schema post,
      SchemaCatalog catalog,
      List<ObjectNode> rows,
      ObjectNode filter,
      Outcome outcome)
      throws SQLException {
    String json = filter.toString();
    EntSqlTranslator.Sql sql =
        EntSqlTranslator.translate(filter, DiffTable.TABLE, DiffTable.CATEGORIES);
    RowFilter compiled;
    try {
      compiled = RowFilter.parse(json, post, catalog);
    } catch (FilterException e) {
      fail(outcome.context() + "generated filter was refused: " + json + "\n  " + e.getMessage());
      return;
    }
    Set<String> expected = postgres(db, sql, outcome, json);
    Set<String> actual = new TreeSet<>();
    Map<String, ObjectNode> byId = new HashMap<>();
    for (ObjectNode row : rows) {
      byId.put(row.get("id").asText(), row);
      if (compiled.matches(row)) {
        actual.add(row.get("id").asText());
      }
    }
    outcome.record(json, sql, expected, actual, byId, rows.size());
    compiled
        .equalityKey()
        .ifPresent(
            key -> {
              for (String id : actual) {
                assertTrue(
                    key.values().contains(key.valueOf(byId.get(id))),
                    outcome.context() + key + " excludes a matching row of " + json);
              }
            });
  }

  private static Set<String> postgres(
      Connection db, EntSqlTranslator.Sql sql, Outcome outcome, String json) throws SQLException {
    Set<String> ids = new TreeSet<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT "
                + DiffTable.TABLE
                + ".id FROM "
                + DiffTable.TABLE
                + " WHERE "
                + sql.where())) {
      for (int i = 0; i < sql.params().size(); i++) {
        // Untyped text, like pgx's text-format strings: PostgreSQL infers the type.
        query.setObject(i + 1, sql.params().get(i), Types.OTHER);
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      fail(
          outcome.context()
              + "PostgreSQL rejected the SQL of "
              + json
              + "\n  "
              + sql
              + "\n  "
              + e.getMessage());
    }
    return ids;
  }

  private static List<UUID> uuids(Random random, int count) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()));
    }
    return ids;
  }

  private static String collation(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT datcollate::text || '/' || datctype::text"
                    + " FROM pg_database WHERE datname = current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Counts and the first mismatches, reported with the seed. */
  private static final class Outcome {
    private final long seed;
    private final List<String> mismatches = new ArrayList<>();
    private int mismatchCount;
    private int emptyResults;
    private int fullResults;

    Outcome(long seed) {
      this.seed = seed;
    }

    String context() {
      return "[seed " + seed + "] ";
    }

    void record(
        String json,
        EntSqlTranslator.Sql sql,
        Set<String> expected,
        Set<String> actual,
        Map<String, ObjectNode> rows,
        int rowCount) {
      if (expected.isEmpty()) {
        emptyResults++;
      } else if (expected.size() == rowCount) {
        fullResults++;
      }
      if (expected.equals(actual)) {
        return;
      }
      mismatchCount++;
      if (mismatches.size() < MAX_REPORTED) {
        StringBuilder text =
            new StringBuilder()
                .append("filter ")
                .append(json)
                .append("\n  sql    ")
                .append(sql.where())
                .append("\n  params ")
                .append(sql.params());
        for (String id : expected) {
          if (!actual.contains(id)) {
            text.append("\n  only PostgreSQL matches ").append(rows.get(id));
          }
        }
        for (String id : actual) {
          if (!expected.contains(id)) {
            text.append("\n  only in memory matches  ").append(rows.get(id));
          }
        }
        mismatches.add(text.toString());
      }
    }

    void report(int cases, int rowCount, long millis) {
      System.out.printf(
          "FilterDifferentialTest: seed=%d, %d filters x %d rows in %d ms;"
              + " %d matched no row, %d matched all rows, %d disagreed%n",
          seed, cases, rowCount, millis, emptyResults, fullResults, mismatchCount);
      assertTrue(
          mismatches.isEmpty(),
          context()
              + mismatchCount
              + " of "
              + cases
              + " filters disagree with PostgreSQL (rerun with -Dfilter.seed="
              + seed
              + "):\n"
              + String.join("\n", mismatches));
    }
  }
}
