package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** FastSchema's {@code select} ({@code pkg/entdbadapter/query.go}) on rows. */
class ProjectionTest {

  private static final ObjectNode ROW =
      FilterFixtures.row(
          """
      {"id": "0195f0a0-1111-7000-8000-000000000001", "name": "n", "bio": "b", "views": 3,
       "stock": 0, "ref": "00000000-0000-0000-0000-000000000000",
       "category_id": "0195f0a0-0000-7000-8000-000000000001"}
      """);

  static Stream<Arguments> selections() {
    return Stream.of(
        keys("name", "id", "name"),
        keys("views,name", "id", "views", "name"),
        keys("name,category", "id", "name", "category_id"),
        keys("category,name", "id", "name", "category_id"),
        keys("name,name,id", "id", "name"),
        keys("id,bio", "id", "bio"),
        keys("name.anything", "id", "name"),
        keys("category_id", "id", "category_id"),
        keys("score,name", "id", "score", "name"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("selections")
  void keepsThePrimaryKeyThenTheSelectionInListOrder(String select, List<String> expected)
      throws ProjectionException {
    Projection projection = Projection.parse(select, FilterFixtures.post());
    assertEquals(expected, projection.columns());
    List<String> present = new ArrayList<>();
    projection.apply(ROW).fieldNames().forEachRemaining(present::add);
    // Absent (NULL) values stay absent.
    assertEquals(expected.stream().filter(ROW::has).toList(), present);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("everything")
  void selectsEverythingWithoutAScalarOtherThanTheKey(String select) throws ProjectionException {
    Projection projection = Projection.parse(select, FilterFixtures.post());
    assertTrue(projection.selectsAll());
    assertSame(ROW, projection.apply(ROW));
  }

  static Stream<String> everything() {
    return Stream.of(null, "", "id", "category", "id,category", "category,id,id");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("nme", "column post.nme not found"),
        Arguments.of("name, bio", "column post. bio not found"),
        Arguments.of("name,", "column post. not found"),
        Arguments.of(".name", "invalid column name \".name\""),
        Arguments.of("name.", "invalid column name \"name.\""),
        Arguments.of("nope,.x", "invalid column name \".x\""),
        Arguments.of(
            "tags",
            "select of relation field tags is not supported yet by realtime"
                + " events (related records are not loaded; only a relation whose foreign key"
                + " column is in this table can be selected)"),
        Arguments.of(
            "name,category.name",
            "select path category.name is not supported yet by"
                + " realtime events (related records are not loaded)"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void reportsFastSchemasErrorsAndNamesUnsupportedPaths(String select, String message) {
    ProjectionException error =
        assertThrows(
            ProjectionException.class, () -> Projection.parse(select, FilterFixtures.post()));
    assertEquals(message, error.getMessage());
  }

  @Test
  void aCustomPrimaryKeyComesFirstWhereverItIsDeclared() throws Exception {
    SchemaCatalog catalog =
        SchemaCatalog.fromJson(
            Map.of(
                "item.json",
                """
        { "name": "item", "namespace": "items", "primary_field": "code",
          "fields": [ { "name": "title", "type": "string" },
                      { "name": "code", "type": "string" } ] }
        """));
    Schema item = catalog.schema("item").orElseThrow();
    Projection projection = Projection.parse("title", item);
    ObjectNode row =
        FilterFixtures.row("{\"title\": \"t\", \"code\": \"c\", \"created_at\": \"x\"}");
    assertEquals("{\"code\":\"c\",\"title\":\"t\"}", projection.apply(row).toString());
  }

  private static Arguments keys(String select, String... expected) {
    return Arguments.of(select, List.of(expected));
  }
}
