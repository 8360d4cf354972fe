package io.fastschema.realtime.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What one message must look like. Either {@code raw} (the exact text, e.g. an echo), or a
 * FastSchema event {@code {"event":…,"data":…}} (exactly these two keys, in this order, spec 1.7)
 * whose rows are checked by every property that is set; unset properties are not checked.
 *
 * @param raw exact text of the frame, or null
 * @param event {@code create}, {@code update} or {@code delete}
 * @param data {@code object} or {@code array}
 * @param rows number of rows ({@code object} counts as 1), or -1
 * @param keys the exact keys of every row, in order
 * @param firstKey the first key of every row
 * @param keysPresent keys every row has
 * @param keysAbsent keys no row has
 * @param values key → expected text ({@link JsonNode#asText()}) in every row; a key starting with
 *     {@code /} is a JSON Pointer into the row ({@code /category/name}, {@code /tags/0/id}), for
 *     related records (keysPresent and keysAbsent take pointers too)
 * @param ids the rows' {@code id} values as text, in order
 */
record MessageExpectation(
    String raw,
    String event,
    String data,
    int rows,
    List<String> keys,
    String firstKey,
    List<String> keysPresent,
    List<String> keysAbsent,
    Map<String, String> values,
    List<String> ids) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same expectation with placeholders in raw text, values and ids resolved. */
  MessageExpectation resolve(UnaryOperator<String> resolver) {
    Map<String, String> v = new LinkedHashMap<>();
    values.forEach((k, x) -> v.put(k, resolver.apply(x)));
    List<String> i = ids == null ? null : ids.stream().map(resolver).toList();
    return new MessageExpectation(
        raw == null ? null : resolver.apply(raw),
        event,
        data,
        rows,
        keys,
        firstKey,
        keysPresent,
        keysAbsent,
        v,
        i);
  }

  /** Empty when the message matches, else what differs. */
  Optional<String> mismatch(String message) {
    if (raw != null) {
      return raw.equals(message)
          ? Optional.empty()
          : Optional.of("expected text " + quote(raw) + ", got " + quote(message));
    }
    JsonNode m;
    try {
      m = JSON.readTree(message);
    } catch (JsonProcessingException e) {
      return Optional.of("not JSON: " + quote(message));
    }
    List<String> problems = new ArrayList<>();
    if (m == null || !m.isObject() || !names(m).equals(List.of("event", "data"))) {
      return Optional.of("envelope is not {\"event\",\"data\"}: " + quote(message));
    }
    if (event != null && !event.equals(m.get("event").asText())) {
      problems.add("event " + m.get("event") + " instead of \"" + event + "\"");
    }
    JsonNode d = m.get("data");
    if (data != null && !(data.equals("object") ? d.isObject() : d.isArray())) {
      problems.add("data is " + d.getNodeType().name().toLowerCase() + " instead of " + data);
    }
    List<JsonNode> rowList = new ArrayList<>();
    if (d.isArray()) {
      d.forEach(rowList::add);
    } else {
      rowList.add(d);
    }
    if (rows >= 0 && rowList.size() != rows) {
      problems.add(rowList.size() + " rows instead of " + rows);
    }
    checkRows(rowList, problems);
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(
            String.join("; ", problems.stream().distinct().toList()) + " in " + quote(message));
  }

  private void checkRows(List<JsonNode> rowList, List<String> problems) {
    List<String> seenIds = new ArrayList<>();
    for (JsonNode row : rowList) {
      if (!row.isObject()) {
        problems.add("a row is not an object");
        continue;
      }
      List<String> names = names(row);
      if (keys != null && !names.equals(keys)) {
        problems.add("keys " + names + " instead of " + keys);
      }
      if (firstKey != null && (names.isEmpty() || !names.get(0).equals(firstKey))) {
        problems.add("first key is not " + firstKey);
      }
      for (String k : keysPresent) {
        if (at(row, k) == null) {
          problems.add("key " + k + " missing");
        }
      }
      for (String k : keysAbsent) {
        if (at(row, k) != null) {
          problems.add("key " + k + " present");
        }
      }
      values.forEach(
          (k, want) -> {
            JsonNode got = at(row, k);
            if (got == null || !want.equals(got.asText())) {
              problems.add(k + " = " + got + " instead of \"" + want + "\"");
            }
          });
      seenIds.add(row.path("id").asText());
    }
    if (ids != null && !seenIds.equals(ids)) {
      problems.add("ids " + seenIds + " instead of " + ids);
    }
  }

  /** A key of the row, or a JSON Pointer into it; null when absent. */
  private static JsonNode at(JsonNode row, String key) {
    JsonNode found = key.startsWith("/") ? row.at(key) : row.get(key);
    return found == null || found.isMissingNode() ? null : found;
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String quote(String s) {
    String shown = s.length() > 300 ? s.substring(0, 300) + "…" : s;
    return "'" + shown + "'";
  }
}
