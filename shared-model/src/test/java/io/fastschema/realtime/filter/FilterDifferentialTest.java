package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.DriverManager;
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
    List<UUID> refs = new ArrayList<>(uuids(random, 5));
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
        DifferentialOutcome outcome = new DifferentialOutcome("PostgreSQL", seed);
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
          ObjectNode filter = generator.next();
          compare(SqlDialect.POSTGRESQL, db, post, catalog, rows, filter, outcome);
        }
        outcome.report(cases, rows.size(), (System.nanoTime() - started) / 1_000_000);
      } finally {
        DiffTable.drop(db);
      }
    }
  }

  /**
   * The same on MariaDB 11.4 with the filter compiled for {@link SqlDialect#MYSQL}: FastSchema's
   * MySQL layout ({@link MySqlDiffTable}), its DSN's connection collation, and parameters sent as
   * go-sql-driver sends them (server-side prepared statements: a float64 is a DOUBLE, a string a
   * string). Filters realtime refuses on MySQL are not generated ({@link FilterGenerator}).
   */
  @Test
  void inMemoryFilterMatchesWhatMariaDbReturns(@MariaDb SharedServices services) throws Exception {
    compareOnBinlogDatabase("MariaDB", services);
  }

  /**
   * The MariaDB comparison on any MySQL-protocol server: MariaDB here, MySQL from {@link
   * MySqlFilterDifferentialTest}.
   */
  static void compareOnBinlogDatabase(String server, SharedServices services) throws Exception {
    long seed = Long.getLong("filter.seed", System.nanoTime());
    int cases = Integer.getInteger("filter.cases", 3000);
    int rowCount = Integer.getInteger("filter.rows", 300);
    System.out.printf(
        "FilterDifferentialTest (%s): seed=%d cases=%d rows=%d (rerun with -Dfilter.seed=%d)%n",
        server, seed, cases, rowCount, seed);
    Random random = new Random(seed);
    SchemaCatalog catalog = FilterFixtures.catalog(DiffTable.TABLE, DiffTable.CATEGORIES);
    Schema post = catalog.schema("post").orElseThrow();
    List<UUID> categories = List.of(uuidV4(random), uuidV4(random), uuidV4(random));
    List<UUID> refs = new ArrayList<>(List.of(uuidV4(random), uuidV4(random), uuidV4(random)));
    refs.add(new UUID(0, 0));
    DatabaseCoordinates app = services.appDb();
    try (Connection db =
        DriverManager.getConnection(
            app.jdbcUrlWith("useServerPrepStmts=true"), app.user(), app.password())) {
      try (Statement statement = db.createStatement()) {
        // FastSchema's DSN: charset=utf8mb4&collation=utf8mb4_unicode_ci.
        statement.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
      }
      MySqlDiffTable.create(db);
      try {
        MySqlDiffTable.fill(db, random, categories, refs, rowCount);
        List<ObjectNode> rows = MySqlDiffTable.readRows(db);
        FilterGenerator generator =
            new FilterGenerator(random, rows, categories, refs, SqlDialect.MYSQL);
        DifferentialOutcome outcome = new DifferentialOutcome(server, seed);
        long started = System.nanoTime();
        for (int i = 0; i < cases; i++) {
          compare(SqlDialect.MYSQL, db, post, catalog, rows, generator.next(), outcome);
        }
        outcome.report(cases, rows.size(), (System.nanoTime() - started) / 1_000_000);
      } finally {
        MySqlDiffTable.drop(db);
      }
    }
  }

  private static void compare(
      SqlDialect dialect,
      Connection db,
      Schema post,
      SchemaCatalog catalog,
      List<ObjectNode> rows,
      ObjectNode filter,
      DifferentialOutcome outcome)
      throws SQLException {
    String json = filter.toString();
    EntSqlTranslator.Sql sql =
        EntSqlTranslator.translate(filter, DiffTable.TABLE, DiffTable.CATEGORIES, dialect);
    RowFilter compiled;
    try {
      compiled = RowFilter.parse(json, post, catalog, dialect);
    } catch (FilterException e) {
      fail(outcome.context() + "generated filter was refused: " + json + "\n  " + e.getMessage());
      return;
    }
    Set<String> expected = database(dialect, db, sql, outcome, json);
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

  /** The ids of the rows the database returns for the filter's SQL. */
  private static Set<String> database(
      SqlDialect dialect,
      Connection db,
      EntSqlTranslator.Sql sql,
      DifferentialOutcome outcome,
      String json)
      throws SQLException {
    Set<String> ids = new TreeSet<>();
    String table = dialect == SqlDialect.MYSQL ? "`" + DiffTable.TABLE + "`" : DiffTable.TABLE;
    try (PreparedStatement query =
        db.prepareStatement("SELECT " + table + ".id FROM " + table + " WHERE " + sql.where())) {
      for (int i = 0; i < sql.params().size(); i++) {
        if (dialect == SqlDialect.MYSQL) {
          query.setObject(i + 1, sql.params().get(i)); // String, Double or Boolean, typed
        } else {
          // Untyped text, like pgx's text-format strings: PostgreSQL infers the type.
          query.setObject(i + 1, sql.params().get(i), Types.OTHER);
        }
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      fail(
          outcome.context()
              + dialect
              + " rejected the SQL of "
              + json
              + "\n  "
              + sql
              + "\n  "
              + e.getMessage());
    }
    return ids;
  }

  /** Random bits as a version-4, RFC 4122 variant uuid. */
  static UUID uuidV4(Random random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
    return new UUID(high, low);
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
}
