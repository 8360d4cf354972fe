package io.fastschema.realtime.fanout;

import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.util.Map;

/**
 * Real schemas built from FastSchema schema JSON: {@code post} has an integer (uint64) primary key,
 * {@code note} FastSchema v0.10's auto-created uuid {@code id}, {@code page} a string primary key
 * named {@code slug}.
 */
public final class TestSchemas {

  private TestSchemas() {}

  public static final SchemaCatalog CATALOG = load();

  public static Schema post() {
    return schema("post");
  }

  public static Schema note() {
    return schema("note");
  }

  public static Schema page() {
    return schema("page");
  }

  public static Schema schema(String name) {
    return CATALOG.schema(name).orElseThrow(() -> new AssertionError("no schema " + name));
  }

  private static SchemaCatalog load() {
    try {
      return SchemaCatalog.fromJson(
          Map.of(
              "post.json",
                  """
              { "name": "post", "namespace": "posts", "label_field": "title",
                "fields": [
                  { "name": "id", "label": "ID", "type": "uint64",
                    "db": { "attr": "UNSIGNED", "key": "PRI", "increment": true } },
                  { "name": "title", "label": "Title", "type": "string" },
                  { "name": "views", "label": "Views", "type": "int", "default": 0 }
                ] }
              """,
              "note.json",
                  """
              { "name": "note", "namespace": "notes", "label_field": "text",
                "fields": [ { "name": "text", "label": "Text", "type": "text" },
                  { "name": "owner", "label": "Owner", "type": "uuid", "optional": true },
                  { "name": "likes", "label": "Likes", "type": "uint", "optional": true } ] }
              """,
              "page.json",
                  """
              { "name": "page", "namespace": "pages", "label_field": "title",
                "primary_field": "slug",
                "fields": [
                  { "name": "slug", "label": "Slug", "type": "string" },
                  { "name": "title", "label": "Title", "type": "string" }
                ] }
              """));
    } catch (SchemaLoadException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
