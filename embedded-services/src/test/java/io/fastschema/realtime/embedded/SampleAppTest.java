package io.fastschema.realtime.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleAppTest {

  @TempDir Path appDir;
  private DatabaseCoordinates appDb;
  private SeededIds seeded;

  @BeforeAll
  void createAndSeed(EmbeddedPostgresServer server) {
    appDb = server.createApplicationDatabase("sample_app_test", "sample_app_test", "pw");
    SampleApp.createTables(appDb);
    seeded = SampleApp.seed(appDb);
  }

  @Test
  void appDirHoldsTheSchemaFilesAndTheAppKey() throws IOException {
    SampleApp.writeAppDir(appDir, "k3y-0123456789abcdef0123456789ab");

    assertEquals(
        "APP_KEY=k3y-0123456789abcdef0123456789ab\n",
        Files.readString(appDir.resolve("data/.env")));
    for (String name : SampleApp.SCHEMA_NAMES) {
      String json = Files.readString(appDir.resolve("data/schemas/" + name + ".json"));
      assertTrue(json.startsWith("{\n  \"name\": \"" + name + "\",\n  \"namespace\": "), json);
      assertFalse(json.endsWith("\n"), "json.MarshalIndent writes no trailing newline");
      assertEquals(name, MiniJson.object(MiniJson.parse(json)).get("name"));
    }
  }

  @Test
  void sampleTablesHaveTheColumnsTheSchemaJsonImplies() throws IOException, SQLException {
    Map<String, List<FastSchemaLayout.Column>> expected =
        new FastSchemaLayout(readSchemas()).tables();

    assertEquals(
        List.of("blogs", "blogs_tags", "categories", "tags"), List.copyOf(expected.keySet()));
    for (Map.Entry<String, List<FastSchemaLayout.Column>> table : expected.entrySet()) {
      assertEquals(table.getValue(), actualColumns(table.getKey()), table.getKey());
    }
  }

  @Test
  void systemTablesFollowFastSchemaStructs() throws SQLException {
    assertEquals(
        List.of(
            "id",
            "name",
            "description",
            "root",
            "system",
            "rule",
            "created_at",
            "updated_at",
            "deleted_at"),
        columnNames("roles"));
    // Not in declaration order: see the comment on permissions in schema.sql.
    assertEquals(
        List.of(
            "id",
            "resource",
            "value",
            "modifier",
            "role_id",
            "created_at",
            "updated_at",
            "deleted_at"),
        columnNames("permissions"));
    assertEquals(
        List.of(
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "bio",
            "password",
            "active",
            "provider",
            "provider_id",
            "provider_username",
            "provider_profile_image",
            "avatar_id",
            "created_at",
            "updated_at",
            "deleted_at"),
        columnNames("users"));
    assertEquals(
        List.of(
            "id",
            "disk",
            "name",
            "path",
            "type",
            "size",
            "created_at",
            "owner_id",
            "updated_at",
            "deleted_at"),
        columnNames("files"));
    assertEquals(
        List.of(
            "id",
            "user_id",
            "device_info",
            "ip_address",
            "last_activity_at",
            "status",
            "expires_at",
            "created_at",
            "deleted_at",
            "type",
            "otp_hash",
            "otp_attempts",
            "updated_at"),
        columnNames("sessions"));
    assertEquals(
        List.of("id", "version", "name", "applied_at", "created_at", "updated_at", "deleted_at"),
        columnNames("migrations"));
    assertEquals(
        List.of("roles", "users", "created_at", "updated_at", "deleted_at"),
        columnNames("roles_users"));
  }

  @Test
  void foreignKeysFollowFastSchemaNamingAndDeleteRules() throws SQLException {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("blog_category_id", "SET NULL");
    expected.put("blogs_tags_blogs", "CASCADE");
    expected.put("blogs_tags_tags", "CASCADE");
    expected.put("file_owner_id", "NO ACTION");
    expected.put("permission_role_id", "NO ACTION");
    expected.put("roles_users_roles", "CASCADE");
    expected.put("roles_users_users", "CASCADE");
    expected.put("user_avatar_id", "SET NULL");
    Map<String, String> actual = new LinkedHashMap<>();
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT constraint_name, delete_rule "
                    + "FROM information_schema.referential_constraints ORDER BY constraint_name")) {
      while (rows.next()) {
        actual.put(rows.getString(1), rows.getString(2));
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void blogIdIsAnIdentityAndDefaultsMatchTheSchemaJson() throws SQLException {
    try (Connection connection = appDb.connect();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "INSERT INTO blogs (title) VALUES ('defaults') "
                    + "RETURNING id, views, published, status, created_at IS NOT NULL, updated_at")) {
      assertTrue(row.next());
      assertTrue(row.getLong("id") > seeded.blogIds().get(seeded.blogIds().size() - 1));
      assertEquals(0, row.getLong("views"));
      assertFalse(row.getBoolean("published"));
      assertEquals("draft", row.getString("status"));
      assertTrue(row.getBoolean(5));
      assertEquals(null, row.getObject("updated_at"));
    }
  }

  @Test
  void seedCreatesRolesAnActiveRootAdminAndContent() throws SQLException {
    try (Connection connection = appDb.connect()) {
      assertEquals(
          List.of("Admin|true", "Guest|false", "User|false"),
          strings(connection, "SELECT name || '|' || root FROM roles ORDER BY name"));
      assertEquals(
          List.of(seeded.adminRoleId()),
          strings(
              connection,
              "SELECT r.id::text FROM roles r JOIN roles_users ru ON ru.roles = r.id "
                  + "JOIN users u ON u.id = ru.users WHERE u.id = ?::uuid AND u.active AND r.root",
              seeded.adminUserId()));
      assertEquals(
          List.of(SampleApp.ADMIN_USERNAME),
          strings(
              connection,
              "SELECT username FROM users WHERE password = ?",
              SampleApp.FAKE_PASSWORD_HASH));
      assertEquals(2, seeded.categoryIds().size());
      assertEquals(3, seeded.tagIds().size());
      assertEquals(5, seeded.blogIds().size());
      assertEquals(List.of("6"), strings(connection, "SELECT count(*) FROM blogs_tags"));
      assertEquals(
          List.of(seeded.categoryIds().get(0)),
          strings(
              connection,
              "SELECT category_id::text FROM blogs WHERE id = ?",
              seeded.blogIds().get(0)));
    }
  }

  private Map<String, Map<String, Object>> readSchemas() throws IOException {
    SampleApp.writeAppDir(appDir, "key");
    Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    for (String name : SampleApp.SCHEMA_NAMES) {
      String json =
          Files.readString(
              appDir.resolve("data/schemas/" + name + ".json"), StandardCharsets.UTF_8);
      schemas.put(name, MiniJson.object(MiniJson.parse(json)));
    }
    return schemas;
  }

  private List<FastSchemaLayout.Column> actualColumns(String table) throws SQLException {
    List<FastSchemaLayout.Column> columns = new ArrayList<>();
    try (Connection connection = appDb.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT column_name, data_type, is_nullable "
                    + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? "
                    + "ORDER BY ordinal_position")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(
              new FastSchemaLayout.Column(
                  rows.getString(1), rows.getString(2), "YES".equals(rows.getString(3))));
        }
      }
    }
    return columns;
  }

  private List<String> columnNames(String table) throws SQLException {
    return actualColumns(table).stream().map(FastSchemaLayout.Column::name).toList();
  }

  private static List<String> strings(Connection connection, String query, Object... parameters)
      throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }
}
