package io.fastschema.realtime.model;

import static io.fastschema.realtime.model.SchemaFixtures.appDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoadProblemsTest {

  private static SchemaLoadException loadFails(Map<String, String> files) {
    return assertThrows(SchemaLoadException.class, () -> SchemaCatalog.fromJson(files));
  }

  private static void assertProblem(SchemaLoadException e, String file, String... fragments) {
    for (String problem : e.problems()) {
      if (problem.startsWith(file + ": ")
          && List.of(fragments).stream().allMatch(problem::contains)) {
        return;
      }
    }
    throw new AssertionError(
        "no problem for " + file + " containing " + List.of(fragments) + " in:\n" + e.getMessage());
  }

  private static String schemaJson(String name, String fieldsJson) {
    return "{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + name
        + "s\",\"label_field\":\"id\","
        + "\"fields\":["
        + fieldsJson
        + "]}";
  }

  @Test
  void reportsEveryBrokenFileOfADirectoryTogether() {
    SchemaLoadException e =
        assertThrows(SchemaLoadException.class, () -> SchemaCatalog.load(appDir("broken-app")));
    assertProblem(e, "broken-syntax.json", "invalid JSON");
    assertProblem(e, "unknown-type.json", "gadget", "label", "unknown field type 'strng'");
    assertProblem(
        e,
        "missing-target.json",
        "order",
        "customer",
        "relation target schema 'customer' does not exist");
    assertProblem(e, "bad-primary.json", "sku_item", "primary_field 'code' names no field");
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("4 problems"), e.getMessage());
    assertTrue(e.problems().stream().noneMatch(p -> p.startsWith("fine.json")));
  }

  @Test
  void missingSchemaDirectoryIsAProblem(@TempDir Path emptyAppDir) {
    SchemaLoadException e =
        assertThrows(SchemaLoadException.class, () -> SchemaCatalog.load(emptyAppDir));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).contains("schema directory does not exist"), e.getMessage());
  }

  @Test
  void relationWithoutBackReferenceIsRejectedAsFastSchemaDoes() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                    schemaJson(
                        "post",
                        "{\"name\":\"category\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"o2m\",\"schema\":\"category\",\"field\":\"posts\"}}"),
                "category.json",
                    schemaJson("category", "{\"name\":\"name\",\"type\":\"string\"}")));
    assertProblem(
        e, "post.json", "field 'category'", "back-reference field 'posts'", "no such field");
  }

  @Test
  void backReferenceMustPointBackAtTheSameField() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                    schemaJson(
                        "post",
                        "{\"name\":\"category\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"o2m\",\"schema\":\"category\",\"field\":\"posts\"}}"),
                "category.json",
                    schemaJson(
                        "category",
                        "{\"name\":\"posts\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"o2m\",\"schema\":\"post\",\"field\":\"topic\","
                            + "\"owner\":true}}")));
    assertProblem(e, "post.json", "back-reference field 'posts'", "points elsewhere");
  }

  @Test
  void fileFieldNeedsBackReferenceInFileSchema() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                schemaJson("post", "{\"name\":\"cover\",\"type\":\"file\",\"optional\":true}")));
    assertProblem(e, "post.json", "field 'cover'", "'post_cover' in schema 'file'");
  }

  @Test
  void structuralProblemsAreAllReportedForOneFile() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "thing.json",
                "{\"name\":\"thing\",\"fields\":["
                    + "{\"name\":\"kind\",\"type\":\"enum\"},"
                    + "{\"name\":\"size\",\"type\":\"int\",\"optional\":\"yes\"},"
                    + "{\"name\":\"owner\",\"type\":\"relation\"},"
                    + "{\"name\":\"peer\",\"type\":\"relation\",\"relation\":{\"type\":\"x2y\"}},"
                    + "{\"name\":\"kind\",\"type\":\"string\"},"
                    + "{\"type\":\"string\"},"
                    + "{\"name\":\"untyped\"}]}"));
    assertProblem(e, "thing.json", "missing \"namespace\"");
    assertProblem(e, "thing.json", "field 'kind'", "enum field needs \"enums\"");
    assertProblem(e, "thing.json", "fields[1].optional must be true or false, was \"yes\"");
    assertProblem(e, "thing.json", "field 'owner'", "needs a \"relation\" object");
    assertProblem(e, "thing.json", "unknown relation type 'x2y'");
    assertProblem(e, "thing.json", "field 'kind'", "declared twice");
    assertProblem(e, "thing.json", "fields[5]", "missing \"name\"");
    assertProblem(e, "thing.json", "fields[3] ('peer')", "relation: unknown relation type");
    assertProblem(e, "thing.json", "('untyped')", "missing \"type\"");
  }

  @Test
  void notAnObjectAndNamelessFilesAreReported() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "list.json",
                "[1,2]",
                "anon.json",
                "{\"namespace\":\"anons\",\"fields\":[]}",
                "empty.json",
                ""));
    assertProblem(e, "list.json", "one JSON object");
    assertProblem(e, "anon.json", "no \"name\"");
    assertProblem(e, "empty.json", "one JSON object");
  }

  @Test
  void twoSchemasOnOneTableAreRejected() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "a.json", "{\"name\":\"a\",\"namespace\":\"shared\",\"fields\":[]}",
                "b.json", "{\"name\":\"b\",\"namespace\":\"shared\",\"fields\":[]}"));
    assertProblem(e, "b.json", "table 'shared' is also the table of schema 'a' (a.json)");
  }

  @Test
  void userSchemaOnASystemTableIsRejected() {
    SchemaLoadException e =
        loadFails(
            Map.of("account.json", "{\"name\":\"account\",\"namespace\":\"users\",\"fields\":[]}"));
    assertProblem(e, "account.json", "table 'users' is also the table of schema 'user'");
  }

  @Test
  void foreignKeyTargetColumnMustExist() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                    schemaJson(
                        "post",
                        "{\"name\":\"category\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"o2m\",\"schema\":\"category\",\"field\":\"posts\","
                            + "\"target_column\":\"slug\"}}"),
                "category.json",
                    schemaJson(
                        "category",
                        "{\"name\":\"posts\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"o2m\",\"schema\":\"post\",\"field\":\"category\","
                            + "\"owner\":true}}")));
    assertProblem(e, "post.json", "target column 'slug' is not a column of schema 'category'");
  }

  @Test
  void m2mSidesThatDisagreeOnJunctionColumnsAreRejected() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                    schemaJson(
                        "post",
                        "{\"name\":\"tags\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"m2m\",\"schema\":\"tag\",\"field\":\"posts\","
                            + "\"junction_table\":\"post_tags\",\"source_column\":\"tag_ref\"}}"),
                "tag.json",
                    schemaJson(
                        "tag",
                        "{\"name\":\"posts\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"m2m\",\"schema\":\"post\",\"field\":\"tags\","
                            + "\"junction_table\":\"post_tags\"}}")));
    assertProblem(e, "tag.json", "junction table 'post_tags'", "tag_ref");
  }

  @Test
  void junctionNameClashingWithATableIsRejected() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                    schemaJson(
                        "post",
                        "{\"name\":\"tags\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"m2m\",\"schema\":\"tag\",\"field\":\"posts\","
                            + "\"junction_table\":\"tags\"}}"),
                "tag.json",
                    schemaJson(
                        "tag",
                        "{\"name\":\"posts\",\"type\":\"relation\","
                            + "\"relation\":{\"type\":\"m2m\",\"schema\":\"post\",\"field\":\"tags\","
                            + "\"junction_table\":\"tags\"}}")));
    assertProblem(e, "post.json", "junction table 'tags' clashes");
  }

  @Test
  void primaryFieldMayNotBeARelation() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "post.json",
                "{\"name\":\"post\",\"namespace\":\"posts\",\"primary_field\":\"owner\","
                    + "\"fields\":[{\"name\":\"owner\",\"type\":\"relation\",\"relation\":{\"type\":"
                    + "\"o2m\",\"schema\":\"user\",\"field\":\"posts\"}}]}"));
    assertProblem(e, "post.json", "primary_field 'owner' is a relation field");
  }

  @Test
  void problemsInAMergedSystemSchemaNameTheJsonFile() {
    SchemaLoadException e =
        loadFails(
            Map.of(
                "user.json",
                "{\"name\":\"user\","
                    + "\"namespace\":\"users\",\"fields\":[{\"name\":\"team\",\"type\":\"relation\","
                    + "\"relation\":{\"type\":\"o2m\",\"schema\":\"team\",\"field\":\"members\"}}]}"));
    assertProblem(e, "user.json", "schema 'user', field 'team'", "'team' does not exist");
  }
}
