package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The shape of FastSchema's filter as SQL, from {@code db/predicate.go}: {@code $or} and {@code
 * $and} nest, every other key is a field whose value is either an object of operators (joined with
 * AND) or a plain value ({@code $eq}). The test-side translators ({@link EntSqlTranslator}, {@link
 * FilterSql}) supply only the SQL of one operator on one field.
 */
final class FilterPredicates {

  /** The SQL of one operator on one field of the filter. */
  interface FieldOperator {
    String sql(String field, String op, JsonNode value);
  }

  private FilterPredicates() {}

  /** The predicates of a filter object, to be joined with AND. */
  static List<String> of(JsonNode object, FieldOperator operator) {
    List<String> predicates = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = entry.getKey();
      if (key.equals("$or") || key.equals("$and")) {
        List<String> members = new ArrayList<>();
        for (JsonNode element : entry.getValue()) {
          List<String> inner = of(element, operator);
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
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        List<String> operators = new ArrayList<>();
        value
            .fields()
            .forEachRemaining(op -> operators.add(operator.sql(key, op.getKey(), op.getValue())));
        predicates.add(operators.size() > 1 ? join(operators, "AND") : operators.get(0));
      } else {
        predicates.add(operator.sql(key, "$eq", value));
      }
    }
    return predicates;
  }

  /** The WHERE clause of a filter's predicates: {@code TRUE} for none. */
  static String where(List<String> predicates) {
    return predicates.isEmpty() ? "TRUE" : String.join(" AND ", predicates);
  }

  private static String join(List<String> predicates, String op) {
    return predicates.size() == 1
        ? predicates.get(0)
        : "(" + String.join(" " + op + " ", predicates) + ")";
  }
}
