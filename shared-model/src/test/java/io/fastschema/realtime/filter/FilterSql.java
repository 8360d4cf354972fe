package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause FastSchema's re-query adds for a realtime {@code filter}, on PostgreSQL: the
 * predicate structure of {@code db/predicate.go} and the SQL ent's builder writes for it.
 *
 * <p>Adapted from {@link EntSqlTranslator} next to it (which is written against its differential
 * test's table), and kept beside it so that a change to one is seen from the other; shipped to the
 * benchmarks' baseline server in this module's test jar. The column kinds come from the FastSchema
 * schema here, and relation paths ({@code EXISTS} sub-queries) are not supported, since the load
 * benchmark's filters use scalar columns only. A filter that uses one fails at connect, loudly.
 *
 * @param where the predicate with JDBC placeholders, {@code TRUE} for an empty filter
 * @param params each parameter in order: Long, Double, Boolean or String (strings carry an explicit
 *     cast in {@code where} where PostgreSQL would not infer the type from varchar)
 */
public record FilterSql(String where, List<Object> params) {

  public static final FilterSql NONE = new FilterSql("TRUE", List.of());

  /**
   * @throws IllegalArgumentException naming the field or operator that cannot be translated
   */
  public static FilterSql of(JsonNode filter, Schema schema) {
    Translation t = new Translation(schema);
    return new FilterSql(
        FilterPredicates.where(FilterPredicates.of(filter, t::field)), List.copyOf(t.params));
  }

  private static final class Translation {
    private final Schema schema;
    private final List<Object> params = new ArrayList<>();

    Translation(Schema schema) {
      this.schema = schema;
    }

    /** One operator on one column; relation paths fail loudly. */
    String field(String key, String op, JsonNode value) {
      Column column =
          schema
              .column(key)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "filter field '"
                              + key
                              + "' is not a column of "
                              + schema.table()
                              + " (relation filters are not supported by the baseline)"));
      String col = "\"" + schema.table() + "\".\"" + column.name() + "\"";
      return predicate(col, column.type(), op, value);
    }

    private String predicate(String col, FieldType type, String op, JsonNode value) {
      return switch (op) {
        case "$eq" ->
            value.isBoolean()
                ? (value.booleanValue() ? col : "NOT " + col)
                : col + " = " + arg(value, type);
        case "$neq" ->
            value.isBoolean()
                ? (value.booleanValue() ? "NOT " + col : col)
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
        case "$notcontainsfold" ->
            "NOT ("
                + col
                + " ILIKE "
                + param("%" + escape(value.textValue()).toLowerCase() + "%")
                + ")";
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
