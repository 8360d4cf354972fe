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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPostgresServerTest {

  private EmbeddedPostgresServer server;
  private DatabaseCoordinates appDb;

  @BeforeAll
  void createApplicationDatabase(EmbeddedPostgresServer shared) {
    server = shared;
    appDb = server.createApplicationDatabase("server_test", "server_test", "s3cret'pw");
    SampleApp.createTables(appDb);
  }

  @Test
  void serverIsConfiguredForLogicalDecodingWithSynchronousCommit() throws SQLException {
    try (Connection connection = server.superuser().connect()) {
      assertEquals("logical", show(connection, "wal_level"));
      assertEquals("on", show(connection, "synchronous_commit"));
      assertEquals("10", show(connection, "max_replication_slots"));
      assertEquals("10", show(connection, "max_wal_senders"));
      assertEquals("17", show(connection, "server_version").split("\\.")[0]);
    }
  }

  @Test
  void applicationRoleIsNotSuperuserButHasReplication() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement();
        ResultSet role =
            statement.executeQuery(
                "SELECT rolsuper, rolreplication, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
      assertTrue(role.next());
      assertFalse(role.getBoolean("rolsuper"), "rolsuper");
      assertTrue(role.getBoolean("rolreplication"), "rolreplication");
      assertFalse(role.getBoolean("rolcreatedb"), "rolcreatedb");
    }
  }

  @Test
  void applicationRoleOwnsItsDatabaseAndEveryTable() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(
          List.of("server_test"),
          strings(
              statement,
              "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
      List<String> owners =
          strings(
              statement,
              "SELECT DISTINCT tableowner FROM pg_tables " + "WHERE schemaname = 'public'");
      assertEquals(List.of("server_test"), owners);
      assertEquals(
          SampleApp.TABLES.size(),
          strings(statement, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").size());
    }
  }

  @Test
  void createApplicationDatabaseIsIdempotent() throws SQLException {
    DatabaseCoordinates again =
        server.createApplicationDatabase("server_test", "server_test", "s3cret'pw");
    assertEquals(appDb, again);
    try (Connection connection = again.connect()) {
      assertTrue(connection.isValid(5));
    }
  }

  @Test
  void createApplicationDatabaseRefusesADatabaseOwnedBySomeoneElse() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> server.createApplicationDatabase("postgres", "intruder", "pw"));
    assertTrue(error.getMessage().contains("owned by postgres"), error.getMessage());
  }

  @Test
  void applicationRoleCanPublishItsTableAndDecodeChangesWithPgoutput() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE PUBLICATION blogs_only FOR TABLE blogs");
      statement.execute("SELECT pg_create_logical_replication_slot('app_role_slot', 'pgoutput')");
      try {
        statement.execute("INSERT INTO blogs (title) VALUES ('decoded')");
        // pgoutput message types: Begin, Relation, Insert, Commit.
        List<String> messages =
            strings(
                statement,
                "SELECT chr(get_byte(data, 0)) FROM "
                    + "pg_logical_slot_peek_binary_changes('app_role_slot', NULL, NULL, "
                    + "'proto_version', '1', 'publication_names', 'blogs_only')");
        assertEquals(List.of("B", "R", "I", "C"), messages);
      } finally {
        statement.execute("SELECT pg_drop_replication_slot('app_role_slot')");
        statement.execute("DROP PUBLICATION blogs_only");
      }
    }
  }

  /**
   * FastSchema's m2m junction tables have no primary key. Once a publication that publishes deletes
   * covers one, PostgreSQL refuses FastSchema's own DELETEs on it until the table gets a replica
   * identity; the unique (a, b) index on NOT NULL columns qualifies, and the owner may set it.
   */
  @Test
  void publishedJunctionTableNeedsAReplicaIdentityBeforeItAcceptsDeletes() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE PUBLICATION junction_pub FOR TABLE blogs_tags");
      try {
        SQLException refused =
            assertThrows(
                SQLException.class,
                () -> statement.execute("DELETE FROM blogs_tags WHERE blogs = -1"));
        assertEquals("55000", refused.getSQLState(), refused.getMessage());

        statement.execute("ALTER TABLE blogs_tags REPLICA IDENTITY USING INDEX unique_blogs_tags");
        statement.execute("DELETE FROM blogs_tags WHERE blogs = -1");
      } finally {
        statement.execute("DROP PUBLICATION junction_pub");
        statement.execute("ALTER TABLE blogs_tags REPLICA IDENTITY DEFAULT");
      }
    }
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return strings(statement, "SHOW " + setting).get(0);
    }
  }

  private static List<String> strings(Statement statement, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
