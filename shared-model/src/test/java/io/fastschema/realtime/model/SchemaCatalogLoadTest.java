package io.fastschema.realtime.model;

import static io.fastschema.realtime.model.SchemaFixtures.appDir;
import static io.fastschema.realtime.model.SchemaFixtures.column;
import static io.fastschema.realtime.model.SchemaFixtures.columnNames;
import static io.fastschema.realtime.model.SchemaFixtures.field;
import static io.fastschema.realtime.model.SchemaFixtures.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads src/test/resources/fastschema-app, a blog app written the way FastSchema writes it. */
class SchemaCatalogLoadTest {

  private static SchemaCatalog catalog;

  @BeforeAll
  static void load() throws SchemaLoadException {
    catalog = SchemaCatalog.load(appDir("fastschema-app"));
  }

  @Test
  void loadsUserSchemasBesideSystemSchemasAndIgnoresNonJsonFiles() {
    Set<String> names = catalog.schemas().stream().map(Schema::name).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "role",
            "permission",
            "user",
            "file",
            "session",
            "migration",
            "blog",
            "category",
            "tag",
            "product",
            "review"),
        names);
    assertFalse(schema(catalog, "blog").isSystem());
    assertTrue(schema(catalog, "user").isSystem(), "user.json extends, not replaces");
  }

  @Test
  void blogColumnsArePkThenScalarsThenForeignKeysThenTimestamps() {
    assertEquals(
        List.of(
            "id",
            "title",
            "body",
            "views",
            "published",
            "published_at",
            "meta",
            "status",
            "external_ref",
            "rating",
            "category_id",
            "cover_id",
            "author_id",
            "created_at",
            "updated_at",
            "deleted_at"),
        columnNames(schema(catalog, "blog")));
  }

  @Test
  void blogColumnKindsAndTypes() {
    Schema blog = schema(catalog, "blog");
    assertEquals(
        new Column("id", FieldType.UUID, false, true, ColumnKind.FIELD), column(blog, "id"));
    assertEquals(
        new Column("body", FieldType.TEXT, true, false, ColumnKind.FIELD), column(blog, "body"));
    assertEquals(
        new Column("rating", FieldType.FLOAT64, true, false, ColumnKind.FIELD),
        column(blog, "rating"),
        "double is an alias of float64");
    assertEquals(
        new Column("category_id", FieldType.UINT64, false, false, ColumnKind.FOREIGN_KEY),
        column(blog, "category_id"),
        "FK clones the uint64 category.id and is NOT NULL because blog.category is required");
    assertEquals(
        new Column("cover_id", FieldType.UUID, true, false, ColumnKind.FOREIGN_KEY),
        column(blog, "cover_id"));
    assertEquals(
        new Column("created_at", FieldType.TIME, false, false, ColumnKind.TIMESTAMP),
        column(blog, "created_at"));
    assertTrue(blog.hasTimestamps());
  }

  @Test
  void relationFieldsHaveNoColumn() {
    Schema blog = schema(catalog, "blog");
    for (String relation : List.of("category", "tags", "cover", "gallery", "author")) {
      assertTrue(blog.field(relation).isPresent(), relation);
      assertTrue(blog.column(relation).isEmpty(), relation);
    }
  }

  @Test
  void autoCreatedIdIsAUniqueNonNullUuidField() {
    Field id = schema(catalog, "blog").primaryKey();
    assertEquals(new Field("id", FieldType.UUID, false, true, false, List.of(), null), id);
  }

  @Test
  void enumValuesKeepDeclarationOrder() {
    Field status = field(schema(catalog, "blog"), "status");
    assertEquals(FieldType.ENUM, status.type());
    assertEquals(List.of("draft", "published", "archived"), status.enumValues());
  }

  @Test
  void o2mNonOwnerHoldsForeignKeyNamedAfterFieldAndTargetPk() {
    Relation category = field(schema(catalog, "blog"), "category").relation();
    assertEquals(
        new Relation(
            RelationType.O2M, "category", "blogs", false, false, "category_id", "id", null),
        category);
    assertFalse(category.isCollection());
  }

  @Test
  void o2mOwnerSideIsACollectionWithoutColumns() {
    Relation blogs = field(schema(catalog, "category"), "blogs").relation();
    assertEquals(
        new Relation(RelationType.O2M, "blog", "category", true, true, null, null, null), blogs);
    assertTrue(blogs.isCollection());
    assertEquals(
        "category_id",
        catalog.backReference("category", "blogs").orElseThrow().relation().sourceColumn());
  }

  @Test
  void declaredIdKeepsItsPositionSoThePrimaryKeyIsNotAlwaysFirst() {
    Schema category = schema(catalog, "category");
    assertEquals(
        List.of("name", "id", "parent_id", "created_at", "updated_at", "deleted_at"),
        columnNames(category));
    assertTrue(column(category, "id").primaryKey());
    assertEquals(FieldType.UINT64, category.primaryKey().type());
  }

  @Test
  void selfReferencingO2mPutsTheForeignKeyOnTheSameTable() {
    Schema category = schema(catalog, "category");
    Column parentId = column(category, "parent_id");
    assertEquals(FieldType.UINT64, parentId.type());
    assertTrue(parentId.nullable());
    assertEquals("parent_id", field(category, "parent").relation().sourceColumn());
    assertNull(field(category, "children").relation().sourceColumn());
  }

  @Test
  void customPrimaryFieldWithoutTimestampsAppendsForeignKeyAtTheEnd() {
    Schema product = schema(catalog, "product");
    assertEquals("shop_products", product.table());
    assertEquals("sku", product.primaryKey().name());
    assertFalse(product.primaryKey().optional());
    assertFalse(product.hasTimestamps());
    assertEquals(List.of("name", "sku", "price", "stock", "category_id"), columnNames(product));
    assertTrue(column(product, "sku").primaryKey());
    assertFalse(column(product, "name").primaryKey());
    assertEquals(FieldType.FLOAT32, column(product, "price").type());
    assertEquals(FieldType.INT, column(product, "stock").type(), "integer is an alias of int");
    assertTrue(product.field("id").isEmpty(), "no id is created when primary_field is set");
  }

  @Test
  void m2oAliasBehavesAsO2mNonOwner() {
    Relation category = field(schema(catalog, "product"), "category").relation();
    assertEquals(RelationType.O2M, category.type());
    assertEquals("category_id", category.sourceColumn());
  }

  @Test
  void foreignKeyToCustomPrimaryKeyIsNamedAfterItAndClonesItsType() {
    Schema review = schema(catalog, "review");
    assertEquals(
        List.of("id", "body", "score", "product_sku", "created_at", "updated_at", "deleted_at"),
        columnNames(review));
    assertEquals(FieldType.STRING, column(review, "product_sku").type());
    assertEquals(FieldType.TEXT, column(review, "body").type(), "longtext is an alias of text");
    assertEquals(FieldType.UINT8, column(review, "score").type());
    assertEquals("sku", field(review, "product").relation().targetColumn());
  }

  @Test
  void userJsonExtendsSystemUserFieldsAfterDeletedAtAndForeignKeysBeforeCreatedAt() {
    // FastSchema appends the JSON file's fields to the struct fields (after the declared
    // deleted_at) while CreateFKs inserts FK columns before created_at.
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
            "favorite_category_id",
            "created_at",
            "updated_at",
            "deleted_at",
            "nickname"),
        columnNames(user));
    assertEquals(FieldType.STRING, column(user, "nickname").type(), "varchar alias");
    assertTrue(user.field("roles").isPresent(), "system relations survive the merge");
  }

  @Test
  void fileJsonBackReferencesMakeFileFieldsResolve() {
    Relation cover = field(schema(catalog, "blog"), "cover").relation();
    assertEquals(
        new Relation(RelationType.O2M, "file", "blog_cover", false, true, "cover_id", "id", null),
        cover);
    assertEquals(FieldType.FILE, field(schema(catalog, "blog"), "cover").type());
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
        columnNames(schema(catalog, "file")),
        "back-reference fields add no columns to files");
  }

  @Test
  void multipleFileFieldIsAnM2mWithJunctionNamedFromBothFieldNames() {
    Relation gallery = field(schema(catalog, "blog"), "gallery").relation();
    assertEquals(RelationType.M2M, gallery.type());
    assertEquals("blog_gallery_gallery", gallery.junctionTable());
    assertEquals(
        new JunctionTable("blog_gallery_gallery", "blog_gallery", "blog", "gallery", "file"),
        catalog.junctionTable("blog_gallery_gallery").orElseThrow());
  }

  @Test
  void m2mJunctionIsNamedFromSortedFieldNames() {
    assertEquals(
        new JunctionTable("blogs_tags", "blogs", "blog", "tags", "tag"),
        catalog.junctionTable("blogs_tags").orElseThrow());
    Relation tags = field(schema(catalog, "blog"), "tags").relation();
    assertEquals("tags", tags.sourceColumn(), "column tags holds the tag ids");
    assertEquals("blogs", tags.targetColumn(), "column blogs holds the blog ids");
  }

  @Test
  void customJunctionTableAndColumnsAreUsedVerbatim() {
    assertEquals(
        new JunctionTable("user_favorite_tags", "tag_ref", "tag", "user_ref", "user"),
        catalog.junctionTable("user_favorite_tags").orElseThrow());
    Relation favoriteTags = field(schema(catalog, "user"), "favorite_tags").relation();
    assertEquals("tag_ref", favoriteTags.sourceColumn());
    assertEquals("user_ref", favoriteTags.targetColumn());
    assertFalse(
        catalog.isJunctionTable("favorite_tags_fans"),
        "the default name is not used when junction_table is given");
  }

  @Test
  void everyJunctionIsKnownOnce() {
    Set<String> tables =
        catalog.junctionTables().stream().map(JunctionTable::table).collect(Collectors.toSet());
    assertEquals(
        Set.of("roles_users", "blogs_tags", "blog_gallery_gallery", "user_favorite_tags"), tables);
    assertEquals(4, catalog.junctionTables().size());
  }

  @Test
  void junctionColumnsCloneEachSidesPrimaryKeyType() {
    List<Column> columns = catalog.tableColumns("blogs_tags").orElseThrow();
    assertEquals(
        List.of("blogs", "tags", "created_at", "updated_at", "deleted_at"), columnNames(columns));
    assertEquals(FieldType.UUID, columns.get(0).type());
    assertEquals(ColumnKind.FOREIGN_KEY, columns.get(1).kind());
  }

  @Test
  void tableLookups() {
    assertEquals("product", catalog.schemaForTable("shop_products").orElseThrow().name());
    assertTrue(catalog.schemaForTable("product").isEmpty());
    assertTrue(catalog.schemaForTable("blogs_tags").isEmpty());
    assertEquals(
        columnNames(schema(catalog, "blog")),
        columnNames(catalog.tableColumns("blogs").orElseThrow()));
    assertTrue(catalog.tableColumns("nope").isEmpty());
    assertFalse(catalog.isJunctionTable("blogs"));
  }

  @Test
  void catalogCollectionsAreReadOnly() {
    assertThrows(UnsupportedOperationException.class, () -> catalog.schemas().clear());
    assertThrows(UnsupportedOperationException.class, () -> catalog.junctionTables().clear());
    Schema blog = schema(catalog, "blog");
    assertThrows(UnsupportedOperationException.class, () -> blog.columns().clear());
    assertThrows(UnsupportedOperationException.class, () -> blog.fields().clear());
  }
}
