package io.fastschema.realtime.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent re-statement of FastSchema v0.10's table layout rules on PostgreSQL (spec
 * 4.3–4.5), applied to schema JSON, so tests can check that the DDL follows from the JSON files
 * rather than comparing the DDL with itself.
 */
final class FastSchemaLayout {

  /** A column as information_schema describes it: name, data_type, nullability. */
  record Column(String name, String dataType, boolean nullable) {
    @Override
    public String toString() {
      return name + " " + dataType + (nullable ? " NULL" : " NOT NULL");
    }
  }

  private final Map<String, Map<String, Object>> schemasByName;

  FastSchemaLayout(Map<String, Map<String, Object>> schemasByName) {
    this.schemasByName = schemasByName;
  }

  /** Table name → columns in creation order, for every schema and every m2m junction. */
  Map<String, List<Column>> tables() {
    Map<String, List<Column>> tables = new TreeMap<>();
    for (Map<String, Object> schema : schemasByName.values()) {
      tables.put((String) schema.get("namespace"), columnsOf(schema));
      for (Map<String, Object> field : fields(schema)) {
        Map<String, Object> relation = relation(field);
        if (relation != null && "m2m".equals(relation.get("type"))) {
          addJunction(tables, schema, field, relation);
        }
      }
    }
    return tables;
  }

  private List<Column> columnsOf(Map<String, Object> schema) {
    List<Column> columns = new ArrayList<>();
    if (primaryKey(schema) == null) {
      columns.add(new Column("id", "uuid", false)); // v0.10 auto-creates a uuid id
    }
    for (Map<String, Object> field : fields(schema)) {
      if (relation(field) == null) {
        boolean isKey = "id".equals(field.get("name"));
        columns.add(
            new Column(
                (String) field.get("name"),
                pgType((String) field.get("type")),
                !isKey && Boolean.TRUE.equals(field.get("optional"))));
      }
    }
    for (Map<String, Object> field : fields(schema)) {
      Map<String, Object> relation = relation(field);
      boolean holdsForeignKey =
          relation != null
              && !Boolean.TRUE.equals(relation.get("owner"))
              && ("o2m".equals(relation.get("type")) || "o2o".equals(relation.get("type")));
      if (holdsForeignKey) {
        columns.add(
            new Column(
                field.get("name") + "_id",
                primaryKeyType((String) relation.get("schema")),
                Boolean.TRUE.equals(field.get("optional"))));
      }
    }
    columns.addAll(timestamps());
    return columns;
  }

  /** The junction columns are named after the relation fields and hold their targets' ids. */
  private void addJunction(
      Map<String, List<Column>> tables,
      Map<String, Object> schema,
      Map<String, Object> field,
      Map<String, Object> relation) {
    String ownName = (String) field.get("name");
    String backName = (String) relation.get("field");
    Map<String, Column> byName = new TreeMap<>();
    byName.put(
        ownName, new Column(ownName, primaryKeyType((String) relation.get("schema")), false));
    byName.put(backName, new Column(backName, primaryKeyType((String) schema.get("name")), false));
    List<Column> columns = new ArrayList<>(byName.values());
    columns.addAll(timestamps());
    tables.put(String.join("_", byName.keySet()), columns);
  }

  private String primaryKeyType(String schemaName) {
    Map<String, Object> pk = primaryKey(schemasByName.get(schemaName));
    return pk == null ? "uuid" : pgType((String) pk.get("type"));
  }

  private static Map<String, Object> primaryKey(Map<String, Object> schema) {
    Object name = schema.getOrDefault("primary_field", "id");
    return fields(schema).stream().filter(f -> name.equals(f.get("name"))).findFirst().orElse(null);
  }

  private static List<Column> timestamps() {
    return List.of(
        new Column("created_at", "timestamp with time zone", false),
        new Column("updated_at", "timestamp with time zone", true),
        new Column("deleted_at", "timestamp with time zone", true));
  }

  static String pgType(String fastSchemaType) {
    return switch (fastSchemaType) {
      case "string", "enum" -> "character varying";
      case "text" -> "text";
      case "int", "int64", "uint", "uint64" -> "bigint";
      case "bool" -> "boolean";
      case "time" -> "timestamp with time zone";
      case "json" -> "jsonb";
      case "uuid" -> "uuid";
      // Narrower integers and floats are not used by the sample; add them with a live check.
      default -> throw new IllegalArgumentException("unmapped FastSchema type " + fastSchemaType);
    };
  }

  private static List<Map<String, Object>> fields(Map<String, Object> schema) {
    return MiniJson.array(schema.get("fields")).stream().map(MiniJson::object).toList();
  }

  private static Map<String, Object> relation(Map<String, Object> field) {
    return field.get("relation") == null ? null : MiniJson.object(field.get("relation"));
  }
}
