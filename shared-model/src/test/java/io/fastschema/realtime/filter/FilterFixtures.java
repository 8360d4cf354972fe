package io.fastschema.realtime.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A FastSchema app with one field of every filterable type ({@code post}), a relation holding a
 * foreign key ({@code post.category}), one without ({@code post.tags}) and their targets.
 */
final class FilterFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  private FilterFixtures() {}

  /** The schema files, with the tables named as given (the differential test uses its own). */
  static SchemaCatalog catalog(String postTable, String categoryTable) {
    String post =
        """
        {
          "name": "post", "namespace": "%s", "label_field": "name", "disable_timestamp": true,
          "fields": [
            { "name": "name", "type": "string", "optional": true },
            { "name": "bio", "type": "text", "optional": true },
            { "name": "status", "type": "enum", "optional": true, "enums": [
                { "value": "draft", "label": "Draft" },
                { "value": "published", "label": "Published" },
                { "value": "in_review", "label": "In review" },
                { "value": "ARCHIVED", "label": "Archived" } ] },
            { "name": "views", "type": "int", "optional": true },
            { "name": "rank", "type": "int16", "optional": true },
            { "name": "stock", "type": "uint", "optional": true },
            { "name": "score", "type": "float64", "optional": true },
            { "name": "ratio", "type": "float32", "optional": true },
            { "name": "active", "type": "bool", "optional": true },
            { "name": "published_at", "type": "time", "optional": true },
            { "name": "ref", "type": "uuid", "optional": true },
            { "name": "meta", "type": "json", "optional": true },
            { "name": "blob", "type": "bytes", "optional": true },
            { "name": "category", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "category", "field": "posts" } },
            { "name": "tags", "type": "relation", "optional": true,
              "relation": { "type": "m2m", "schema": "tag", "field": "posts", "owner": true } }
          ]
        }
        """
            .formatted(postTable);
    String category =
        """
        {
          "name": "category", "namespace": "%s", "label_field": "name", "disable_timestamp": true,
          "fields": [
            { "name": "name", "type": "string" },
            { "name": "posts", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "post", "field": "category", "owner": true } }
          ]
        }
        """
            .formatted(categoryTable);
    String tag =
        """
        {
          "name": "tag", "namespace": "tags", "label_field": "name", "disable_timestamp": true,
          "fields": [
            { "name": "name", "type": "string" },
            { "name": "posts", "type": "relation", "optional": true,
              "relation": { "type": "m2m", "schema": "post", "field": "tags" } }
          ]
        }
        """;
    try {
      return SchemaCatalog.fromJson(
          Map.of("post.json", post, "category.json", category, "tag.json", tag));
    } catch (SchemaLoadException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static SchemaCatalog catalog() {
    return catalog("posts", "categories");
  }

  static Schema post() {
    return catalog().schema("post").orElseThrow();
  }

  static ObjectNode row(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
