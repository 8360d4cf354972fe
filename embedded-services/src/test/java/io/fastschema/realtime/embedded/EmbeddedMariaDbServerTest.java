package io.fastschema.realtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One real MariaDB for this class: configured for binlog capture, FastSchema's MySQL layout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedMariaDbServerTest {

  private EmbeddedMariaDbServer server;
  private DatabaseCoordinates appDb;
  private SeededIds seeded;

  @BeforeAll
  void startAndProvision() {
    server = EmbeddedMariaDbServer.start();
    appDb = server.createApplicationDatabase("server_test", "server_test", "s3cret'pw");
    SampleApp.createTables(appDb);
    seeded = SampleApp.seed(appDb);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void serverWritesFullRowImagesToTheBinlog() throws SQLException {
    try (Connection connection = server.superuser().connect();
        Statement statement = connection.createStatement()) {
      assertEquals("ON", variable(statement, "log_bin"));
      assertEquals("ROW", variable(statement, "binlog_format"));
      assertEquals("FULL", variable(statement, "binlog_row_image"));
      assertEquals("FULL", variable(statement, "binlog_row_metadata"));
      assertEquals("utf8mb4_unicode_ci", variable(statement, "collation_server"));
      assertTrue(
          strings(statement, "SELECT VERSION()").get(0).contains("MariaDB"), "a MariaDB server");
    }
  }

  @Test
  void applicationUserHasOnlyItsDatabaseAndTheBinlogReaderGrants() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      String grants = String.join("\n", strings(statement, "SHOW GRANTS"));
      assertTrue(grants.contains("REPLICATION SLAVE"), grants);
      assertTrue(grants.contains("BINLOG MONITOR"), grants);
      assertFalse(grants.contains("ALL PRIVILEGES ON *.*"), grants);
      assertFalse(grants.contains("SUPER"), grants);
      assertThrows(SQLException.class, () -> statement.execute("CREATE DATABASE not_mine"));
    }
  }

  @Test
  void tablesFollowFastSchemasMySqlLayout() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("utf8mb4_unicode_ci"),
          strings(
              statement,
              "SELECT DISTINCT table_collation FROM information_schema.tables "
                  + "WHERE table_schema = DATABASE()"));
      assertEquals(SampleApp.TABLES.size(), strings(statement, "SHOW TABLES").size());
      assertEquals(
          List.of(
              "id bigint(20) unsigned",
              "title varchar(255)",
              "body longtext",
              "views bigint(20)",
              "published tinyint(1)",
              "published_at datetime",
              "meta longtext",
              "status enum('draft','published','archived')",
              "external_ref uuid",
              "category_id uuid",
              "created_at datetime",
              "updated_at datetime",
              "deleted_at datetime"),
          strings(
              statement,
              "SELECT CONCAT(column_name, ' ', column_type) FROM information_schema.columns "
                  + "WHERE table_schema = DATABASE() AND table_name = 'blogs' "
                  + "ORDER BY ordinal_position"));
    }
  }

  @Test
  void stringEqualityIgnoresCaseAccentsAndTrailingSpaces() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      // The collation FastSchema's filters run under on MySQL/MariaDB (spec errata 4.4).
      assertEquals(
          List.of("Hello FastSchema"),
          strings(statement, "SELECT title FROM blogs WHERE title = 'hello fästschema  '"));
    }
  }

  @Test
  void seedInsertedTheSameRowsAsOnPostgres() throws SQLException {
    assertEquals(5, seeded.blogIds().size());
    assertEquals(3, seeded.tagIds().size());
    assertTrue(seeded.adminUserId().matches("[0-9a-f-]{36}"), seeded.adminUserId());
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("2025-01-02 03:04:05"),
          strings(
              statement, "SELECT published_at FROM blogs WHERE id = " + seeded.blogIds().get(0)));
      assertEquals(List.of("6"), strings(statement, "SELECT COUNT(*) FROM blogs_tags"));
    }
  }

  private static String variable(Statement statement, String name) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
      assertTrue(rows.next(), name);
      return rows.getString(2);
    }
  }

  private static List<String> strings(Statement statement, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
