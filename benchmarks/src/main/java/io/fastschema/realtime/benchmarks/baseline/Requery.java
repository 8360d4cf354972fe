package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.filter.FilterSql;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query one FastSchema realtime client costs per create or update event ({@code
 * services/realtime/content.go:181-229}): {@code SELECT <select> FROM <table> WHERE id = <new id>
 * AND <filter> LIMIT 1} for a create, {@code WHERE id IN (<changed ids>) AND <filter>} (no ORDER
 * BY) for an update. Built once per connection; only the id list varies per event.
 *
 * <p>Immutable.
 */
final class Requery {

  private final String selectFrom;
  private final FilterSql filter;

  private Requery(String selectFrom, FilterSql filter) {
    this.selectFrom = selectFrom;
    this.filter = filter;
  }

  /**
   * @param select the handshake's {@code select}, or null
   * @param filterJson the handshake's {@code filter}, or null
   * @throws IllegalArgumentException naming the unknown column or bad filter
   */
  static Requery of(Schema schema, String select, String filterJson, ObjectMapper json) {
    String table = quote(schema.table());
    String pk = schema.primaryKey().name();
    List<String> columns = new ArrayList<>();
    columns.add(table + "." + quote(pk));
    if (select != null && !select.isEmpty()) {
      for (String name : select.split(",", -1)) {
        Column column =
            schema
                .column(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "column " + schema.name() + "." + name + " not found"));
        if (!column.primaryKey()) {
          columns.add(table + "." + quote(column.name()));
        }
      }
    }
    // FastSchema (ent) selects * when the list names no scalar column besides the primary key.
    String projection = columns.size() == 1 ? "*" : String.join(", ", columns);
    FilterSql where = FilterSql.NONE;
    if (filterJson != null && !filterJson.isEmpty()) {
      JsonNode parsed;
      try {
        parsed = json.readTree(filterJson);
      } catch (IOException e) {
        throw new IllegalArgumentException("filter is not JSON: " + e.getMessage(), e);
      }
      if (!parsed.isObject()) {
        throw new IllegalArgumentException("filter must be a JSON object, was " + filterJson);
      }
      where = FilterSql.of(parsed, schema);
    }
    return new Requery(
        "SELECT " + projection + " FROM " + table + " WHERE " + table + "." + quote(pk), where);
  }

  /** The statement for {@code ids} changed by {@code op}; parameters: ids, then the filter's. */
  String sql(Operation op, int idCount) {
    StringBuilder sql = new StringBuilder(selectFrom);
    if (op == Operation.CREATE) {
      sql.append(" = ?");
    } else {
      sql.append(" IN (");
      for (int i = 0; i < idCount; i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      sql.append(')');
    }
    sql.append(" AND ").append(filter.where());
    if (op == Operation.CREATE) {
      sql.append(" LIMIT 1");
    }
    return sql.toString();
  }

  List<Object> filterParams() {
    return filter.params();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** For the report: what one client's query looks like. */
  Map<String, String> describe() {
    return Map.of("update", sql(Operation.UPDATE, 1));
  }
}
