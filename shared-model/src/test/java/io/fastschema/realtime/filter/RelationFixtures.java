package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.util.Map;

/**
 * A FastSchema app with every relation shape, its tables prefixed {@code rel_} so that the
 * differential test can create them next to other tests' tables:
 *
 * <ul>
 *   <li>{@code blog.category} ↔ {@code category.blogs}: o2m, FK {@code category_id} in {@code
 *       rel_blogs} (blog is the FK side, category the collection side);
 *   <li>{@code blog.tags} ↔ {@code tag.blogs}: m2m through {@code rel_blogs_tags} (column {@code
 *       tags} holds tag ids, {@code blogs} blog ids);
 *   <li>{@code blog.comments} ↔ {@code comment.blog}: o2m, FK {@code blog_id} in {@code
 *       rel_comments};
 *   <li>{@code blog.profile} ↔ {@code profile.blog}: o2o, FK {@code blog_id} in {@code
 *       rel_profiles} (profile is the non-owner side).
 * </ul>
 *
 * <p>Primary keys are FastSchema v0.10's default uuid.
 */
final class RelationFixtures {

  static final String JUNCTION = "rel_blogs_tags";

  private RelationFixtures() {}

  static SchemaCatalog catalog() {
    String blog =
        """
        {
          "name": "blog", "namespace": "rel_blogs", "label_field": "title",
          "disable_timestamp": true,
          "fields": [
            { "name": "title", "type": "string", "optional": true },
            { "name": "views", "type": "int", "optional": true },
            { "name": "category", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "category", "field": "blogs" } },
            { "name": "tags", "type": "relation", "optional": true,
              "relation": { "type": "m2m", "schema": "tag", "field": "blogs", "owner": true,
                            "junction_table": "rel_blogs_tags" } },
            { "name": "comments", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "comment", "field": "blog", "owner": true } },
            { "name": "profile", "type": "relation", "optional": true,
              "relation": { "type": "o2o", "schema": "profile", "field": "blog", "owner": true } }
          ]
        }
        """;
    String category =
        """
        {
          "name": "category", "namespace": "rel_categories", "label_field": "name",
          "disable_timestamp": true,
          "fields": [
            { "name": "name", "type": "string", "optional": true },
            { "name": "blogs", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "blog", "field": "category", "owner": true } }
          ]
        }
        """;
    String tag =
        """
        {
          "name": "tag", "namespace": "rel_tags", "label_field": "name", "disable_timestamp": true,
          "fields": [
            { "name": "name", "type": "string", "optional": true },
            { "name": "blogs", "type": "relation", "optional": true,
              "relation": { "type": "m2m", "schema": "blog", "field": "tags",
                            "junction_table": "rel_blogs_tags" } }
          ]
        }
        """;
    String comment =
        """
        {
          "name": "comment", "namespace": "rel_comments", "label_field": "body",
          "disable_timestamp": true,
          "fields": [
            { "name": "body", "type": "string", "optional": true },
            { "name": "blog", "type": "relation", "optional": true,
              "relation": { "type": "o2m", "schema": "blog", "field": "comments" } }
          ]
        }
        """;
    String profile =
        """
        {
          "name": "profile", "namespace": "rel_profiles", "label_field": "bio",
          "disable_timestamp": true,
          "fields": [
            { "name": "bio", "type": "string", "optional": true },
            { "name": "blog", "type": "relation", "optional": true,
              "relation": { "type": "o2o", "schema": "blog", "field": "profile" } }
          ]
        }
        """;
    try {
      return SchemaCatalog.fromJson(
          Map.of(
              "blog.json", blog,
              "category.json", category,
              "tag.json", tag,
              "comment.json", comment,
              "profile.json", profile));
    } catch (SchemaLoadException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
