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
import org.junit.jupiter.api.Test;

/** Relation shapes from FastSchema's own test schemas (tests/integration/db/data/schemas). */
class RelationLayoutTest {

  private static final String PERSON =
      """
      {
        "name": "person", "namespace": "people", "label_field": "name",
        "fields": [
          { "name": "name", "type": "string" },
          { "name": "spouse", "type": "relation", "optional": true,
            "relation": { "type": "o2o", "schema": "person", "field": "spouse" } },
          { "name": "passport", "type": "relation", "optional": true,
            "relation": { "type": "o2o", "schema": "passport", "field": "holder", "owner": true } },
          { "name": "friends", "type": "relation", "optional": true,
            "relation": { "type": "m2m", "schema": "person", "field": "friends" } },
          { "name": "following", "type": "relation", "optional": true,
            "relation": { "type": "m2m", "schema": "person", "field": "followers",
                          "owner": true } },
          { "name": "followers", "type": "relation", "optional": true,
            "relation": { "type": "m2m", "schema": "person", "field": "following" } }
        ]
      }
      """;

  private static final String PASSPORT =
      """
      {
        "name": "passport", "namespace": "passports", "label_field": "number",
        "fields": [
          { "name": "id", "type": "int64" },
          { "name": "number", "type": "string" },
          { "name": "holder", "type": "relation",
            "relation": { "type": "o2o", "schema": "person", "field": "passport" } }
        ]
      }
      """;

  private static final String NODE =
      """
      {
        "name": "node", "namespace": "nodes", "label_field": "name",
        "fields": [
          { "name": "name", "type": "string" },
          { "name": "next", "type": "relation", "optional": true,
            "relation": { "type": "o2o", "schema": "node", "field": "prev", "owner": true } },
          { "name": "prev", "type": "relation", "optional": true,
            "relation": { "type": "o2o", "schema": "node", "field": "next" } }
        ]
      }
      """;

  private final SchemaCatalog catalog =
      catalog(Map.of("person.json", PERSON, "passport.json", PASSPORT, "node.json", NODE));

  @Test
  void bidirectionalSelfO2oHasOneUniqueForeignKeyOnTheTable() {
    Schema person = schema(catalog, "person");
    assertEquals(
        List.of("id", "name", "spouse_id", "created_at", "updated_at", "deleted_at"),
        columnNames(person));
    assertTrue(field(person, "spouse_id").unique(), "o2o FKs are unique");
    assertTrue(column(person, "spouse_id").nullable());
    assertTrue(field(person, "spouse").relation().holdsForeignKey());
  }

  @Test
  void o2oBetweenTwoSchemasPutsTheForeignKeyOnTheNonOwnerSide() {
    Schema passport = schema(catalog, "passport");
    assertEquals(
        List.of("id", "number", "holder_id", "created_at", "updated_at", "deleted_at"),
        columnNames(passport));
    assertEquals(FieldType.UUID, column(passport, "holder_id").type());
    assertFalse(column(passport, "holder_id").nullable(), "passport.holder is not optional");
    assertTrue(field(passport, "holder_id").unique());
    Relation ownerSide = field(schema(catalog, "person"), "passport").relation();
    assertFalse(ownerSide.holdsForeignKey());
    assertFalse(ownerSide.isCollection());
    assertNull(ownerSide.sourceColumn());
  }

  @Test
  void declaredIntegerIdIsThePrimaryKeyAndTheForeignKeysTypeSource() {
    Schema passport = schema(catalog, "passport");
    assertEquals(FieldType.INT64, passport.primaryKey().type());
    assertTrue(passport.primaryKey().unique());
  }

  @Test
  void selfO2oNonBidirectionalPutsTheForeignKeyOnTheNonOwnerField() {
    Schema node = schema(catalog, "node");
    assertEquals(
        List.of("id", "name", "prev_id", "created_at", "updated_at", "deleted_at"),
        columnNames(node));
    assertNull(field(node, "next").relation().sourceColumn());
  }

  @Test
  void bidirectionalSelfM2mUsesSchemaNameAndFieldNameAsColumns() {
    assertEquals(
        new JunctionTable("friends_person", "friends", "person", "person", "person"),
        catalog.junctionTable("friends_person").orElseThrow());
    Relation friends = field(schema(catalog, "person"), "friends").relation();
    assertEquals("person", friends.sourceColumn());
    assertEquals("friends", friends.targetColumn());
  }

  @Test
  void selfM2mBetweenTwoFieldsIsNamedFromBothFields() {
    assertEquals(
        new JunctionTable("followers_following", "followers", "person", "following", "person"),
        catalog.junctionTable("followers_following").orElseThrow());
    assertEquals(
        2, catalog.junctionTables().stream().filter(j -> j.leftSchema().equals("person")).count());
  }

  @Test
  void relationOptionalComesFromTheFieldNotTheRelationBlock() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "post.json",
                    """
            { "name": "post", "namespace": "posts", "label_field": "id", "fields": [
              { "name": "category", "type": "relation",
                "relation": { "type": "o2m", "schema": "category", "field": "posts",
                              "optional": true } } ] }
            """,
                "category.json",
                    """
            { "name": "category", "namespace": "categories", "label_field": "id", "fields": [
              { "name": "posts", "type": "relation", "optional": true,
                "relation": { "type": "o2m", "schema": "post", "field": "category",
                              "owner": true } } ] }
            """));
    Schema post = schema(c, "post");
    assertFalse(field(post, "category").relation().optional());
    assertFalse(column(post, "category_id").nullable());
  }

  @Test
  void declaredFieldNamedLikeTheForeignKeyIsMergedInPlace() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "post.json",
                    """
            { "name": "post", "namespace": "posts", "label_field": "title", "fields": [
              { "name": "title", "type": "string" },
              { "name": "category_id", "type": "uint64", "optional": true },
              { "name": "body", "type": "text" },
              { "name": "category", "type": "relation",
                "relation": { "type": "o2m", "schema": "category", "field": "posts" } } ] }
            """,
                "category.json",
                    """
            { "name": "category", "namespace": "categories", "label_field": "id", "fields": [
              { "name": "posts", "type": "relation",
                "relation": { "type": "o2m", "schema": "post", "field": "category",
                              "owner": true } } ] }
            """));
    Schema post = schema(c, "post");
    assertEquals(
        List.of("id", "title", "category_id", "body", "created_at", "updated_at", "deleted_at"),
        columnNames(post));
    assertEquals(
        new Column("category_id", FieldType.UUID, false, false, ColumnKind.FOREIGN_KEY),
        column(post, "category_id"),
        "type and nullability come from the relation");
  }

  @Test
  void foreignKeysGoBeforeADeclaredCreatedAtEvenMidTable() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "post.json",
                    """
            { "name": "post", "namespace": "posts", "label_field": "title", "fields": [
              { "name": "title", "type": "string" },
              { "name": "created_at", "type": "time", "optional": true },
              { "name": "body", "type": "text" },
              { "name": "author", "type": "relation", "optional": true,
                "relation": { "type": "o2m", "schema": "user", "field": "posts" } } ] }
            """,
                "user.json",
                    """
            { "name": "user", "namespace": "users", "fields": [
              { "name": "posts", "type": "relation", "optional": true,
                "relation": { "type": "o2m", "schema": "post", "field": "author",
                              "owner": true } } ] }
            """));
    Schema post = schema(c, "post");
    assertEquals(
        List.of("id", "title", "author_id", "created_at", "body", "updated_at", "deleted_at"),
        columnNames(post));
    assertEquals(
        new Column("created_at", FieldType.TIME, false, false, ColumnKind.TIMESTAMP),
        column(post, "created_at"),
        "a declared created_at is forced NOT NULL");
  }

  @Test
  void primaryFieldIdWithoutAnIdFieldStillAutoCreatesAUuidId() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "note.json",
                """
        { "name": "note", "namespace": "notes", "label_field": "text", "primary_field": "id",
          "fields": [ { "name": "text", "type": "text" } ] }
        """));
    Schema note = schema(c, "note");
    assertEquals("id", note.primaryKey().name());
    assertEquals(FieldType.UUID, note.primaryKey().type());
    assertEquals("id", note.columns().get(0).name());
  }

  @Test
  void declaredOptionalPrimaryKeyIsForcedNonNullAndUnique() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "code.json",
                """
        { "name": "code", "namespace": "codes", "label_field": "value", "primary_field": "value",
          "fields": [ { "name": "value", "type": "string", "optional": true } ] }
        """));
    Schema code = schema(c, "code");
    assertFalse(code.primaryKey().optional());
    assertTrue(code.primaryKey().unique());
    assertEquals(
        new Column("value", FieldType.STRING, false, true, ColumnKind.FIELD),
        column(code, "value"));
  }

  @Test
  void disabledTimestampsLeaveDeclaredTimestampNamesAsPlainFields() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "log.json",
                """
        { "name": "log", "namespace": "logs", "label_field": "line", "disable_timestamp": true,
          "fields": [ { "name": "line", "type": "string" },
                      { "name": "created_at", "type": "time", "optional": true } ] }
        """));
    Schema log = schema(c, "log");
    assertFalse(log.hasTimestamps());
    assertEquals(List.of("id", "line", "created_at"), columnNames(log));
    assertEquals(
        new Column("created_at", FieldType.TIME, true, false, ColumnKind.FIELD),
        column(log, "created_at"));
  }

  @Test
  void scalarFieldWithARelationBlockIsJustAScalar() {
    SchemaCatalog c =
        catalog(
            Map.of(
                "note.json",
                """
        { "name": "note", "namespace": "notes", "label_field": "text", "fields": [
          { "name": "text", "type": "text",
            "relation": { "type": "o2m", "schema": "nowhere", "field": "x" } } ] }
        """));
    assertNull(field(schema(c, "note"), "text").relation());
  }
}
