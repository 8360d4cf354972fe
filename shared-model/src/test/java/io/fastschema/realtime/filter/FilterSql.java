package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause FastSchema's re-query adds for a realtime {@code filter}, on PostgreSQL: the
 * predicate structure of {@code db/predicate.go} and the SQL ent's builder writes for it.
 *
 * <p>Adapted from {@link EntSqlTranslator} next to it (which is written against its differential
 * test's table), and kept beside it so that a change to one is seen from the other; shipped to the
 * benchmarks' baseline server in this module's test jar. The column kinds come from the FastSchema
 * schema here,
 * and relation paths ({@code EXISTS} sub-queries) are not supported, since the load benchmark's
 * filters use scalar columns only. A filter that uses one fails at connect, loudly.
 *
 * @param where the predicate with JDBC placeholders, {@code TRUE} for an empty filter
 * @param params each parameter in order: Long, Double, Boolean or String (strings carry an
 *     explicit cast in {@code where} where PostgreSQL would not infer the type from varchar)
 */
public record FilterSql(String where, List<Object> params) {

  public static final FilterSql NONE = new FilterSql("TRUE", List.of());

  /** @throws IllegalArgumentException naming the field or operator that cannot be translated */
  public static FilterSql of(JsonNode filter, Schema schema) {
    Translation t = new Translation(schema);
    List<String> predicates = t.object(filter);
    return new FilterSql(predicates.isEmpty() ? "TRUE" : String.join(" AND ", predicates),
        List.copyOf(t.params));
  }

  private static final class Translation {
    private final Schema schema;
    private final List<Object> params = new ArrayList<>();

    Translation(Schema schema) {
      this.schema = schema;
    }

    List<String> object(JsonNode object) {
      List<String> predicates = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        String key = entry.getKey();
        if (key.equals("$or") || key.equals("$and")) {
          List<String> members = new ArrayList<>();
          for (JsonNode element : entry.getValue()) {
            List<String> inner = object(element);
            if (inner.size() > 1) {
              members.add(join(inner, "AND"));
            } else {
              members.addAll(inner);
            }
          }
          if (!members.isEmpty()) {
            predicates.add(join(members, key.equals("$or") ? "OR" : "AND"));
          }
          continue;
        }
        Column column = schema.column(key).orElseThrow(() -> new IllegalArgumentException(
            "filter field '" + key + "' is not a column of " + schema.table()
                + " (relation filters are not supported by the baseline)"));
        JsonNode value = entry.getValue();
        String col = "\"" + schema.table() + "\".\"" + column.name() + "\"";
        if (value.isObject()) {
          List<String> operators = new ArrayList<>();
          value.fields().forEachRemaining(op -> operators.add(
              predicate(col, column.type(), op.getKey(), op.getValue())));
          predicates.add(operators.size() > 1 ? join(operators, "AND") : operators.get(0));
        } else {
          predicates.add(predicate(col, column.type(), "$eq", value));
        }
      }
      return predicates;
    }

    private static String join(List<String> predicates, String op) {
      return predicates.size() == 1 ? predicates.get(0)
          : "(" + String.join(" " + op + " ", predicates) + ")";
    }

    private String predicate(String col, FieldType type, String op, JsonNode value) {
      return switch (op) {
        case "$eq" -> value.isBoolean() ? (value.booleanValue() ? col : "NOT " + col)
            : col + " = " + arg(value, type);
        case "$neq" -> value.isBoolean() ? (value.booleanValue() ? "NOT " + col : col)
            : col + " <> " + arg(value, type);
        case "$gt" -> col + " > " + arg(value, type);
        case "$gte" -> col + " >= " + arg(value, type);
        case "$lt" -> col + " < " + arg(value, type);
        case "$lte" -> col + " <= " + arg(value, type);
        case "$like" -> col + " LIKE " + param(value.textValue());
        case "$notlike" -> "NOT (" + col + " LIKE " + param(value.textValue()) + ")";
        case "$contains" -> col + " LIKE " + param("%" + escape(value.textValue()) + "%");
        case "$notcontains" ->
            "NOT (" + col + " LIKE " + param("%" + escape(value.textValue()) + "%") + ")";
        case "$containsfold" ->
            col + " ILIKE " + param("%" + escape(value.textValue()).toLowerCase() + "%");
        case "$notcontainsfold" -> "NOT (" + col + " ILIKE "
            + param("%" + escape(value.textValue()).toLowerCase() + "%") + ")";
        case "$in", "$nin" -> {
          List<String> args = new ArrayList<>();
          value.forEach(item -> args.add(arg(item, type)));
          yield col + (op.equals("$in") ? " IN (" : " NOT IN (") + String.join(", ", args) + ")";
        }
        case "$null" -> col + (value.booleanValue() ? " IS NULL" : " IS NOT NULL");
        default -> throw new IllegalArgumentException("filter operator " + op + " on " + col);
      };
    }

    /** A JSON number goes as Go's int64(float64) to integer columns, as float64 otherwise. */
    private String arg(JsonNode value, FieldType type) {
      if (value.isNull()) {
        return "NULL";
      }
      if (value.isNumber()) {
        double goFloat = value.doubleValue();
        return isInteger(type) ? param((long) goFloat) : param(goFloat);
      }
      if (value.isBoolean()) {
        return param(value.booleanValue());
      }
      return param(value.textValue()) + castOf(type);
    }

    private static boolean isInteger(FieldType type) {
      return type.name().startsWith("INT") || type.name().startsWith("UINT");
    }

    /** pgx sends strings untyped and PostgreSQL infers; JDBC sends varchar, so cast explicitly. */
    private static String castOf(FieldType type) {
      return switch (type) {
        case UUID -> "::uuid";
        case TIME -> "::timestamptz";
        case JSON -> "::jsonb";
        default -> "";
      };
    }

    private String param(Object value) {
      params.add(value);
      return "?";
    }

    /** ent's {@code escape}: backslash before {@code \ % _}. */
    private static String escape(String value) {
      return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
  }
}
