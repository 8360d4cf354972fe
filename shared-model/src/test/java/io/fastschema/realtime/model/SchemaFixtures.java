package io.fastschema.realtime.model;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared test inputs: app directories under src/test/resources and column-name extraction. */
final class SchemaFixtures {

  private SchemaFixtures() {}

  /** A FastSchema app directory copied from src/test/resources (e.g. "fastschema-app"). */
  static Path appDir(String resource) {
    try {
      return Path.of(SchemaFixtures.class.getResource("/" + resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> columnNames(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }

  static List<String> columnNames(Schema schema) {
    return columnNames(schema.columns());
  }

  static Schema schema(SchemaCatalog catalog, String name) {
    return catalog.schema(name).orElseThrow(() -> new AssertionError("no schema " + name));
  }

  static Field field(Schema schema, String name) {
    return schema
        .field(name)
        .orElseThrow(() -> new AssertionError("no field " + name + " in " + schema.name()));
  }

  static Column column(Schema schema, String name) {
    return schema
        .column(name)
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + schema.table()));
  }

  /** Catalog from in-memory files; fails the test if loading fails. */
  static SchemaCatalog catalog(Map<String, String> files) {
    try {
      return SchemaCatalog.fromJson(files);
    } catch (SchemaLoadException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
