package io.fastschema.realtime.model;

import static io.fastschema.realtime.model.SchemaFixtures.catalog;
import static io.fastschema.realtime.model.SchemaFixtures.column;
import static io.fastschema.realtime.model.SchemaFixtures.columnNames;
import static io.fastschema.realtime.model.SchemaFixtures.field;
import static io.fastschema.realtime.model.SchemaFixtures.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a JSON file merges into a schema of the same name (FastSchema's MergeSchemas). */
class SchemaMergeTest {

  @Test
  void sameNamedFieldOverridesASystemFieldInPlace() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "user.json",
                """
        { "name": "user", "namespace": "users", "fields": [
          { "name": "bio", "type": "text", "optional": true },
          { "name": "age", "type": "uint8", "optional": true } ] }
        """));
    Schema user = schema(c, "user");
    List<String> columns = columnNames(user);
    assertEquals(columns.indexOf("last_name") + 1, columns.indexOf("bio"), "bio keeps its place");
    assertEquals(FieldType.TEXT, column(user, "bio").type());
    assertEquals("age", columns.get(columns.size() - 1), "new fields follow deleted_at");
  }

  @Test
  void systemFieldsInJsonAreIgnoredWhenMerging() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "user.json",
                """
        { "name": "user", "namespace": "users", "fields": [
          { "name": "username", "type": "int", "is_system_field": true },
          { "name": "legacy", "type": "string", "is_system_field": true } ] }
        """));
    Schema user = schema(c, "user");
    assertEquals(FieldType.STRING, column(user, "username").type());
    assertTrue(user.column("legacy").isEmpty());
  }

  @Test
  void jsonNamespaceRenamesASystemTable() {
    SchemaCatalog c =
        catalog(
            Map.of("file.json", "{\"name\":\"file\",\"namespace\":\"media_files\",\"fields\":[]}"));
    assertEquals("media_files", schema(c, "file").table());
    assertTrue(c.schemaForTable("files").isEmpty());
  }

  @Test
  void overridingARelationFieldDropsItsCustomJunctionNameAsFastSchemaDoes() {
    // MergeFields copies the relation through Relation.Clone(), which keeps source_column,
    // target_column and junction_table only once Init has marked them user-defined; a freshly
    // parsed relation is not, so FastSchema keeps roles_users.
    SchemaCatalog c =
        catalog(
            Map.of(
                "user.json",
                """
        { "name": "user", "namespace": "users", "fields": [
          { "name": "roles", "type": "relation",
            "relation": { "type": "m2m", "schema": "role", "field": "users",
                          "junction_table": "user_role_links" } } ] }
        """));
    assertEquals("roles_users", field(schema(c, "user"), "roles").relation().junctionTable());
    assertFalse(c.isJunctionTable("user_role_links"));
  }

  @Test
  void twoUserFilesWithOneNameAreMergedInFileNameOrder() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "b-note.json",
                    """
            { "name": "note", "namespace": "notes", "fields": [
              { "name": "extra", "type": "string", "optional": true } ] }
            """,
                "a-note.json",
                    """
            { "name": "note", "namespace": "notes", "label_field": "text", "fields": [
              { "name": "text", "type": "text" } ] }
            """));
    assertEquals(
        List.of("id", "text", "extra", "created_at", "updated_at", "deleted_at"),
        columnNames(schema(c, "note")));
  }

  @Test
  void disableTimestampFromJsonRemovesTimestampsFromMigrations() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "migration.json",
                "{\"name\":\"migration\",\"namespace\":\"migrations\",\"disable_timestamp\":true,"
                    + "\"fields\":[]}"));
    assertEquals(
        List.of("id", "version", "name", "applied_at"), columnNames(schema(c, "migration")));
  }
}
