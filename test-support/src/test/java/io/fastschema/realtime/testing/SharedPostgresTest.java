package io.fastschema.realtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.embedded.SampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL half of the shared services, as a FastSchema deployment would have it. */
@ExtendWith(SharedServicesExtension.class)
class SharedPostgresTest {

  private final SharedServices services;

  SharedPostgresTest(SharedServices services) {
    this.services = services;
  }

  @BeforeAll
  static void servicesAreStartedOncePerJvm(SharedServices services) {
    SharedServicesOnceCheck.assertSameAsEveryOtherClass(services);
  }

  @Test
  void postgresDecodesLogicallyAndCommitsSynchronously() throws SQLException {
    try (Connection connection = services.superuser().connect()) {
      assertEquals(List.of("logical"), strings(connection, "SHOW wal_level"));
      assertEquals(List.of("on"), strings(connection, "SHOW synchronous_commit"));
    }
  }

  @Test
  void appRoleIsAReplicatingNonSuperuserThatOwnsTheTables() throws SQLException {
    try (Connection connection = services.appDb().connect()) {
      assertEquals(
          List.of("false|true"),
          strings(
              connection,
              "SELECT rolsuper || '|' || rolreplication FROM pg_roles WHERE rolname = current_user"));
      assertEquals(
          List.of(SharedServices.APP_USER),
          strings(
              connection, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"));
    }
  }

  @Test
  void appRoleCanCreateAPublicationAndAPgoutputSlot() throws SQLException {
    try (Connection connection = services.appDb().connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE PUBLICATION shared_test_pub FOR TABLE blogs");
      try {
        assertEquals(
            List.of("shared_test_slot"),
            strings(
                connection,
                "SELECT slot_name FROM "
                    + "pg_create_logical_replication_slot('shared_test_slot', 'pgoutput')"));
        statement.execute("SELECT pg_drop_replication_slot('shared_test_slot')");
      } finally {
        statement.execute("DROP PUBLICATION shared_test_pub");
      }
    }
  }

  @Test
  void appDirHoldsTheSampleSchemasAndTheTestAppKey() throws IOException {
    assertEquals(
        "APP_KEY=" + SharedServices.TEST_APP_KEY + "\n",
        Files.readString(services.appDir().resolve("data/.env")));
    for (String schema : SampleApp.SCHEMA_NAMES) {
      assertTrue(Files.isRegularFile(services.schemasDir().resolve(schema + ".json")), schema);
    }
  }

  @Test
  void seededAdminIsActiveAndHoldsTheRootRole() throws SQLException {
    try (Connection connection = services.appDb().connect()) {
      assertEquals(
          List.of(services.seeded().adminRoleId()),
          strings(
              connection,
              "SELECT ru.roles::text FROM roles_users ru JOIN users u ON u.id = ru.users "
                  + "JOIN roles r ON r.id = ru.roles WHERE u.active AND r.root AND u.id = '"
                  + services.seeded().adminUserId()
                  + "'"));
      assertFalse(services.seeded().blogIds().isEmpty());
    }
  }

  private static List<String> strings(Connection connection, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
