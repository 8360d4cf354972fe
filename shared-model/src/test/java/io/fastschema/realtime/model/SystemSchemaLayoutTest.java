package io.fastschema.realtime.model;

import static io.fastschema.realtime.model.SchemaFixtures.catalog;
import static io.fastschema.realtime.model.SchemaFixtures.column;
import static io.fastschema.realtime.model.SchemaFixtures.columnNames;
import static io.fastschema.realtime.model.SchemaFixtures.field;
import static io.fastschema.realtime.model.SchemaFixtures.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The v0.10 system schemas with no schema files at all (a fresh FastSchema app). */
class SystemSchemaLayoutTest {

  private final SchemaCatalog catalog = catalog(Map.of());

  @Test
  void freshAppHasExactlyTheSixSystemSchemas() {
    Set<String> names = catalog.schemas().stream().map(Schema::name).collect(Collectors.toSet());
    assertEquals(Set.of("role", "permission", "user", "file", "session", "migration"), names);
    catalog.schemas().forEach(s -> assertTrue(s.isSystem(), s.name()));
  }

  @Test
  void systemTablesArePluralNamespaces() {
    assertEquals("roles", schema(catalog, "role").table());
    assertEquals("permissions", schema(catalog, "permission").table());
    assertEquals("users", schema(catalog, "user").table());
    assertEquals("files", schema(catalog, "file").table());
    assertEquals("sessions", schema(catalog, "session").table());
    assertEquals("migrations", schema(catalog, "migration").table());
  }

  @Test
  void everySystemPrimaryKeyIsAUuidId() {
    for (Schema s : catalog.schemas()) {
      assertEquals("id", s.primaryKey().name(), s.name());
      assertEquals(FieldType.UUID, s.primaryKey().type(), s.name());
      Column id = s.columns().get(0);
      assertEquals("id", id.name(), s.name());
      assertTrue(id.primaryKey(), s.name());
      assertFalse(id.nullable(), s.name());
    }
  }

  @Test
  void rolesColumns() {
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
        columnNames(schema(catalog, "role")));
  }

  @Test
  void permissionRoleIdIsAForeignKeyPlacedBeforeCreatedAt() {
    // Permission.RoleID is a uuid.UUID without an fs type tag, so FastSchema skips it as a field
    // and creates role_id from the relation instead, before created_at (not second, as the
    // struct order and spec 4.6 suggest).
    Schema permission = schema(catalog, "permission");
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
        columnNames(permission));
    Column roleId = column(permission, "role_id");
    assertEquals(FieldType.UUID, roleId.type());
    assertFalse(roleId.nullable());
    assertEquals(ColumnKind.FOREIGN_KEY, roleId.kind());
    Relation role = field(permission, "role").relation();
    assertEquals("role_id", role.sourceColumn());
    assertEquals("id", role.targetColumn());
    assertTrue(role.holdsForeignKey());
  }

  @Test
  void usersColumnsIncludePasswordAndNullableAvatarForeignKey() {
    Schema user = schema(catalog, "user");
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
        columnNames(user));
    Column avatarId = column(user, "avatar_id");
    assertTrue(avatarId.nullable());
    assertEquals(ColumnKind.FOREIGN_KEY, avatarId.kind());
    Field avatar = field(user, "avatar");
    assertEquals(FieldType.FILE, avatar.type());
    assertEquals(RelationType.O2M, avatar.relation().type());
    assertEquals("file", avatar.relation().targetSchema());
    assertEquals("avatar_id", avatar.relation().sourceColumn());
  }

  @Test
  void filesColumnsKeepDeclaredCreatedAtBeforeOwnerId() {
    Schema file = schema(catalog, "file");
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
        columnNames(file));
    assertEquals(FieldType.UINT64, column(file, "size").type());
    Column ownerId = column(file, "owner_id");
    assertEquals(FieldType.UUID, ownerId.type());
    assertFalse(ownerId.nullable(), "file.owner is not optional");
    assertEquals(ColumnKind.FOREIGN_KEY, ownerId.kind());
    assertTrue(file.column("url").isEmpty(), "url is computed, not a column");
  }

  @Test
  void sessionsGetUpdatedAtAppendedAfterOtpColumns() {
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
        columnNames(schema(catalog, "session")));
  }

  @Test
  void migrationsGetAllTimestampsAppended() {
    Schema migration = schema(catalog, "migration");
    assertEquals(
        List.of("id", "version", "name", "applied_at", "created_at", "updated_at", "deleted_at"),
        columnNames(migration));
    assertTrue(field(migration, "version").unique());
  }

  @Test
  void timestampNullabilityFollowsFastSchema() {
    for (Schema s : catalog.schemas()) {
      assertFalse(column(s, "created_at").nullable(), s.name());
      assertTrue(column(s, "updated_at").nullable(), s.name());
      assertTrue(column(s, "deleted_at").nullable(), s.name());
      assertEquals(ColumnKind.TIMESTAMP, column(s, "deleted_at").kind(), s.name());
    }
  }

  @Test
  void rolesUsersJunctionHasOneColumnPerSide() {
    assertEquals(1, catalog.junctionTables().size());
    JunctionTable junction = catalog.junctionTable("roles_users").orElseThrow();
    assertEquals(new JunctionTable("roles_users", "roles", "role", "users", "user"), junction);
    assertTrue(catalog.isJunctionTable("roles_users"));
    assertTrue(catalog.schemaForTable("roles_users").isEmpty());
  }

  @Test
  void rolesUsersJunctionColumnsAreUuidIdsPlusTimestamps() {
    List<Column> columns = catalog.tableColumns("roles_users").orElseThrow();
    assertEquals(
        List.of("roles", "users", "created_at", "updated_at", "deleted_at"), columnNames(columns));
    assertEquals(FieldType.UUID, columns.get(0).type());
    assertFalse(columns.get(0).nullable());
    assertFalse(columns.get(0).primaryKey());
  }

  @Test
  void userRolesRelationNamesJunctionColumnsFromEachSide() {
    // FastSchema's naming: sourceColumn holds the target's ids, targetColumn this side's ids.
    Relation roles = field(schema(catalog, "user"), "roles").relation();
    assertEquals("roles_users", roles.junctionTable());
    assertEquals("roles", roles.sourceColumn());
    assertEquals("users", roles.targetColumn());
    Relation users = field(schema(catalog, "role"), "users").relation();
    assertEquals("roles_users", users.junctionTable());
    assertEquals("users", users.sourceColumn());
    assertEquals("roles", users.targetColumn());
  }

  @Test
  void ownerSidesHoldNoColumnAndPointToTheirBackReference() {
    Relation permissions = field(schema(catalog, "role"), "permissions").relation();
    assertFalse(permissions.holdsForeignKey());
    assertNull(permissions.sourceColumn());
    assertTrue(permissions.isCollection());
    Field back = catalog.backReference("role", "permissions").orElseThrow();
    assertEquals("role", back.name());
    assertEquals("role_id", back.relation().sourceColumn());
  }

  @Test
  void schemaForTableFindsSystemSchemas() {
    assertEquals("user", catalog.schemaForTable("users").orElseThrow().name());
    assertTrue(catalog.schemaForTable("user").isEmpty(), "lookup is by table, not by name");
  }
}
