package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the SQL FastSchema runs for a (valid) filter on PostgreSQL, independently of the code
 * under test: the predicate structure of {@code db/predicate.go}, the SQL of ent's builder as
 * {@code pkg/entdbadapter/predicates.go} calls it, and pgx's parameter conversions.
 *
 * <ul>
 *   <li>{@code $eq}/{@code $neq} with a bool: {@code col} / {@code NOT col} (ent's shortcut);
 *   <li>{@code $contains}: {@code LIKE '%' || escaped || '%'}; {@code $containsfold}: {@code ILIKE}
 *       with the escaped value lower-cased as Go's {@code strings.ToLower} does;
 *   <li>negations: {@code NOT (col LIKE v)}, {@code col NOT IN (…)};
 *   <li>relation {@code category} without a dot: {@code [NOT] EXISTS (SELECT c.id FROM categories c
 *       WHERE t.category_id = c.id AND c.id <positive op> v)};
 *   <li>a JSON number for an integer column is bound as {@code int64(float64)}, for a real column
 *       as {@code float32(float64)}; strings go as untyped text that PostgreSQL parses; Go nil is
 *       the literal {@code NULL}.
 * </ul>
 */
final class EntSqlTranslator {

  /**
   * A WHERE clause with JDBC placeholders and each parameter: on PostgreSQL its text (bound
   * untyped), on MySQL the Go value go-sql-driver sends (String, Double, Boolean).
   */
  record Sql(String where, List<Object> params) {}

  private final String table;
  private final String categoryTable;
  private final SqlDialect dialect;
  private final List<Object> params = new ArrayList<>();

  /** For one operator's SQL only ({@link #predicate}), as {@link RelationSqlTranslator} uses it. */
  EntSqlTranslator() {
    this(null, null, SqlDialect.POSTGRESQL);
  }

  List<Object> params() {
    return params;
  }

  private EntSqlTranslator(String table, String categoryTable, SqlDialect dialect) {
    this.table = table;
    this.categoryTable = categoryTable;
    this.dialect = dialect;
  }

  static Sql translate(ObjectNode filter, String table, String categoryTable) {
    return translate(filter, table, categoryTable, SqlDialect.POSTGRESQL);
  }

  /**
   * On {@link SqlDialect#MYSQL} as ent writes for MySQL: identifiers in backquotes, {@code
   * $containsfold} as {@code col COLLATE utf8mb4_general_ci LIKE '%' + lower(escaped) + '%'}, and
   * the filter's Go values as parameters unconverted (go-sql-driver sends float64 as DOUBLE, also
   * to integer and float columns).
   */
  static Sql translate(ObjectNode filter, String table, String categoryTable, SqlDialect dialect) {
    EntSqlTranslator translator = new EntSqlTranslator(table, categoryTable, dialect);
    String where =
        FilterPredicates.where(
            FilterPredicates.of(
                filter,
                (field, op, value) -> translator.leaf(DiffColumn.byField(field), op, value)));
    return new Sql(where, List.copyOf(translator.params));
  }

  private String leaf(DiffColumn column, String op, JsonNode value) {
    if (column.kind() == DiffColumn.Kind.RELATION) {
      String positive = positiveForRelation(op);
      String exists =
          "EXISTS (SELECT c.id FROM "
              + quoted(categoryTable)
              + " AS c WHERE "
              + quoted(table)
              + ".category_id = c.id AND "
              + predicate("c.id", DiffColumn.Kind.UUID, positive != null ? positive : op, value)
              + ")";
      return positive != null ? "NOT (" + exists + ")" : exists;
    }
    return predicate(quoted(table) + "." + quoted(column.field()), column.kind(), op, value);
  }

  private String quoted(String identifier) {
    return dialect == SqlDialect.MYSQL ? "`" + identifier + "`" : identifier;
  }

  /** ent's case-folding LIKE: {@code ILIKE} on PostgreSQL, general_ci on MySQL. */
  private String foldingLike() {
    return dialect == SqlDialect.MYSQL ? " COLLATE utf8mb4_general_ci LIKE " : " ILIKE ";
  }

  String predicate(String col, DiffColumn.Kind kind, String op, JsonNode value) {
    switch (op) {
      case "$eq":
        return value.isBoolean()
            ? (value.booleanValue() ? col : "NOT " + col)
            : col + " = " + arg(value, kind);
      case "$neq":
        return value.isBoolean()
            ? (value.booleanValue() ? "NOT " + col : col)
            : col + " <> " + arg(value, kind);
      case "$gt":
        return col + " > " + arg(value, kind);
      case "$gte":
        return col + " >= " + arg(value, kind);
      case "$lt":
        return col + " < " + arg(value, kind);
      case "$lte":
        return col + " <= " + arg(value, kind);
      case "$like":
        return col + " LIKE " + param(value.textValue());
      case "$notlike":
        return "NOT (" + col + " LIKE " + param(value.textValue()) + ")";
      case "$contains":
        return col + " LIKE " + param("%" + escape(value.textValue()) + "%");
      case "$notcontains":
        return "NOT (" + col + " LIKE " + param("%" + escape(value.textValue()) + "%") + ")";
      case "$containsfold":
        return col + foldingLike() + param("%" + goToLower(escape(value.textValue())) + "%");
      case "$notcontainsfold":
        return "NOT ("
            + col
            + foldingLike()
            + param("%" + goToLower(escape(value.textValue())) + "%")
            + ")";
      case "$in":
      case "$nin":
        List<String> args = new ArrayList<>();
        value.forEach(item -> args.add(arg(item, kind)));
        return col + (op.equals("$in") ? " IN (" : " NOT IN (") + String.join(", ", args) + ")";
      case "$null":
        return col + (value.booleanValue() ? " IS NULL" : " IS NOT NULL");
      default:
        throw new IllegalArgumentException("operator " + op);
    }
  }

  private String arg(JsonNode value, DiffColumn.Kind kind) {
    if (value.isNull()) {
      return "NULL";
    }
    if (dialect == SqlDialect.MYSQL) {
      return value.isNumber()
          ? param(value.doubleValue())
          : value.isBoolean() ? param(value.booleanValue()) : param(value.textValue());
    }
    if (value.isNumber()) {
      double goFloat = value.doubleValue();
      return switch (kind) {
        case INTEGER -> param(Long.toString((long) goFloat));
        case FLOAT32 -> param(Float.toString((float) goFloat));
        default -> param(Double.toString(goFloat));
      };
    }
    return param(value.isBoolean() ? Boolean.toString(value.booleanValue()) : value.textValue());
  }

  private String param(Object value) {
    params.add(value);
    return "?";
  }

  /** FastSchema's {@code inverseRelationOperator}: the positive form of a negative operator. */
  static String positiveForRelation(String op) {
    return switch (op) {
      case "$neq" -> "$eq";
      case "$nin" -> "$in";
      case "$notlike" -> "$like";
      case "$notcontains" -> "$contains";
      case "$notcontainsfold" -> "$containsfold";
      default -> null;
    };
  }

  /** ent's {@code escape}: backslash before {@code \ % _}. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Go's {@code strings.ToLower}: {@code unicode.ToLower} on each rune. */
  private static String goToLower(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
    return out.toString();
  }
}
