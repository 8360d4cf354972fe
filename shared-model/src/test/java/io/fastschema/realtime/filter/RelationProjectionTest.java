package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FastSchema's select with relations (spec 5.6) on a small related data set. */
class RelationProjectionTest {

  private static final SchemaCatalog CATALOG = RelationFixtures.catalog();
  private static final String C1 = "00000000-0000-0000-0000-0000000000c1";
  private static final String B1 = "00000000-0000-0000-0000-0000000000b1";
  private static final String B2 = "00000000-0000-0000-0000-0000000000b2";
  private static final String T1 = "00000000-0000-0000-0000-0000000000a1";
  private static final String T2 = "00000000-0000-0000-0000-0000000000a2";

  private static final ObjectNode BLOG1 =
      FilterFixtures.row(
          "{\"id\":\"" + B1 + "\",\"title\":\"one\",\"views\":3,\"category_id\":\"" + C1 + "\"}");
  private static final ObjectNode BLOG2 =
      FilterFixtures.row("{\"id\":\"" + B2 + "\",\"title\":\"two\",\"category_id\":null}");
  private static final ObjectNode CATEGORY =
      FilterFixtures.row("{\"id\":\"" + C1 + "\",\"name\":\"news\"}");

  private static final TableRelatedRows RELATED =
      new TableRelatedRows(
          CATALOG,
          Map.of(
              "blog", List.of(BLOG1, BLOG2),
              "category", List.of(CATEGORY),
              "tag",
                  List.of(
                      FilterFixtures.row("{\"id\":\"" + T2 + "\",\"name\":\"b\"}"),
                      FilterFixtures.row("{\"id\":\"" + T1 + "\",\"name\":\"a\"}")),
              "comment",
                  List.of(
                      FilterFixtures.row(
                          "{\"id\":\"" + T1 + "\",\"body\":\"hi\",\"blog_id\":\"" + B1 + "\"}")),
              "profile", List.of()),
          Map.of(
              RelationFixtures.JUNCTION,
              List.of(
                  FilterFixtures.row("{\"blogs\":\"" + B1 + "\",\"tags\":\"" + T2 + "\"}"),
                  FilterFixtures.row("{\"blogs\":\"" + B1 + "\",\"tags\":\"" + T1 + "\"}"))));

  private static String apply(String select, ObjectNode row) throws ProjectionException {
    Schema blog = CATALOG.schema("blog").orElseThrow();
    return RelationProjection.parse(select, blog, CATALOG).apply(row, RELATED).toString();
  }

  @Test
  void m2mIsAnArrayOfWholeRecordsOrderedByKeyAndEmptyWhenNone() throws Exception {
    assertEquals(
        "{\"id\":\""
            + B1
            + "\",\"title\":\"one\",\"tags\":[{\"id\":\""
            + T1
            + "\",\"name\":\"a\"},{\"id\":\""
            + T2
            + "\",\"name\":\"b\"}]}",
        apply("title,tags", BLOG1));
    assertEquals(
        "{\"id\":\"" + B2 + "\",\"title\":\"two\",\"tags\":[]}", apply("title,tags", BLOG2));
  }

  @Test
  void fkSideRelationAddsItsForeignKeyAndIsAbsentWhenNull() throws Exception {
    assertEquals(
        "{\"id\":\""
            + B1
            + "\",\"title\":\"one\",\"category_id\":\""
            + C1
            + "\",\"category\":{\"id\":\""
            + C1
            + "\",\"name\":\"news\"}}",
        apply("title,category", BLOG1));
    assertEquals(
        "{\"id\":\"" + B2 + "\",\"title\":\"two\",\"category_id\":null}",
        apply("title,category", BLOG2));
  }

  @Test
  void onlyKeyAndRelationsSelectsEveryColumn() throws Exception {
    assertEquals(
        "{\"id\":\""
            + B1
            + "\",\"title\":\"one\",\"views\":3,\"category_id\":\""
            + C1
            + "\",\"category\":{\"id\":\""
            + C1
            + "\",\"name\":\"news\"}}",
        apply("id,category", BLOG1));
  }

  @Test
  void dottedPathsSelectColumnsAtAnyDepth() throws Exception {
    assertEquals(
        "{\"id\":\""
            + B1
            + "\",\"title\":\"one\",\"category_id\":\""
            + C1
            + "\",\"category\":{\"id\":\""
            + C1
            + "\",\"name\":\"news\",\"blogs\":[{\"id\":\""
            + B1
            + "\",\"title\":\"one\",\"category_id\":\""
            + C1
            + "\"}]}}",
        apply("title,category.blogs.title", BLOG1));
    assertEquals(
        "{\"id\":\""
            + B1
            + "\",\"comments\":[{\"id\":\""
            + T1
            + "\",\"body\":\"hi\",\"blog_id\":\""
            + B1
            + "\"}]}",
        apply("id,views,comments.body", BLOG1).replace("\"views\":3,", ""));
  }

  @Test
  void m2mPathNamingOnlyTheKeyLoadsOnlyTheKeyInListOrder() throws Exception {
    // FastSchema's junction query names its columns: no SELECT * for a key-only m2m level.
    assertEquals(
        "[{\"id\":\"" + T1 + "\"},{\"id\":\"" + T2 + "\"}]",
        FilterFixtures.row(apply("title,tags.id", BLOG1)).get("tags").toString());
    assertEquals(
        "[{\"name\":\"a\",\"id\":\"" + T1 + "\"},{\"name\":\"b\",\"id\":\"" + T2 + "\"}]",
        FilterFixtures.row(apply("title,tags.name,tags.id", BLOG1)).get("tags").toString());
    // Through o2m the same key-only level is SELECT *.
    assertEquals(
        "{\"id\":\"" + C1 + "\",\"name\":\"news\"}",
        FilterFixtures.row(apply("title,category.id", BLOG1)).get("category").toString());
  }

  @Test
  void nestedDottedScalarComesAfterTheLoadersColumns() throws Exception {
    // "body.x" selects body (FastSchema ignores the rest), read after the required id, blog_id.
    assertEquals(
        "[{\"id\":\"" + T1 + "\",\"blog_id\":\"" + B1 + "\",\"body\":\"hi\"}]",
        FilterFixtures.row(apply("title,comments.body.x", BLOG1)).get("comments").toString());
  }

  @Test
  void singleOwnerSideWithoutRecordIsAbsent() throws Exception {
    assertFalse(apply("title,profile", BLOG1).contains("profile"));
  }

  @Test
  void unknownAndMalformedPathsGiveFastSchemasTexts() {
    Schema blog = CATALOG.schema("blog").orElseThrow();
    assertEquals(
        "column blog.nope not found",
        assertThrows(
                ProjectionException.class,
                () -> RelationProjection.parse("title,nope", blog, CATALOG))
            .getMessage());
    assertEquals(
        "column tag.nope not found",
        assertThrows(
                ProjectionException.class,
                () -> RelationProjection.parse("tags.nope", blog, CATALOG))
            .getMessage());
    assertEquals(
        "invalid column name \".title\"",
        assertThrows(
                ProjectionException.class, () -> RelationProjection.parse(".title", blog, CATALOG))
            .getMessage());
  }

  @Test
  void passwordIsNeverWrittenInRelatedUsers() throws Exception {
    Schema role = CATALOG.schema("role").orElseThrow();
    ObjectNode roleRow = FilterFixtures.row("{\"id\":\"r1\",\"name\":\"admin\"}");
    RelatedRows users =
        (schema, field, row) ->
            List.of(FilterFixtures.row("{\"id\":\"u1\",\"username\":\"x\",\"password\":\"h\"}"));
    assertEquals(
        "{\"id\":\"r1\",\"name\":\"admin\",\"users\":[{\"id\":\"u1\",\"username\":\"x\"}]}",
        RelationProjection.parse("name,users", role, CATALOG).apply(roleRow, users).toString());
  }
}
