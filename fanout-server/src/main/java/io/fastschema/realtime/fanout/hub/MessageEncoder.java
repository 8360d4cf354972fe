package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.ClientNulls;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.model.Schema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes FastSchema's realtime messages: {@code {"event":"<op>","data":<row or rows>}} with the
 * keys in that order. A create carries one object; an update or delete carries an array of the
 * group's rows, or one object for a subscriber whose handshake named an {@code id}.
 *
 * <p>Thread-safe.
 */
public final class MessageEncoder {

  private final ObjectMapper mapper;

  /** The schemas as currently loaded, by name: their column types decide {@link ClientNulls}. */
  private final Function<String, Optional<Schema>> schemas;

  /** Per schema name: the rule for the schema instance it was made from (reloads make new ones). */
  private final Map<String, SchemaNulls> nulls = new ConcurrentHashMap<>();

  private record SchemaNulls(Schema schema, ClientNulls nulls) {}

  /** An encoder that knows no schema: rows are written as they come (tests, benchmarks). */
  public MessageEncoder(ObjectMapper mapper) {
    this(mapper, name -> Optional.empty());
  }

  public MessageEncoder(ObjectMapper mapper, Function<String, Optional<Schema>> schemas) {
    this.mapper = mapper;
    this.schemas = schemas;
  }

  /** FastSchema's NULL substitutes for rows of the named schema, as it is loaded now. */
  public ClientNulls nullsOf(String schemaName) {
    Schema schema = schemas.apply(schemaName).orElse(null);
    if (schema == null) {
      return ClientNulls.NONE;
    }
    SchemaNulls known = nulls.get(schemaName);
    if (known == null || known.schema() != schema) {
      known = new SchemaNulls(schema, ClientNulls.of(schema));
      nulls.put(schemaName, known);
    }
    return known.nulls();
  }

  public String rowJson(ObjectNode row) {
    try {
      return mapper.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a row as JSON", e);
    }
  }

  /** A message whose data is one row, given as JSON text. */
  public String single(Operation op, String rowJson) {
    return new StringBuilder(rowJson.length() + 32)
        .append("{\"event\":\"")
        .append(op.wireName())
        .append("\",\"data\":")
        .append(rowJson)
        .append('}')
        .toString();
  }

  /** A message whose data is an array of rows, given as JSON texts. */
  public String array(Operation op, java.util.List<String> rowsJson) {
    int size = 34;
    for (String r : rowsJson) {
      size += r.length() + 1;
    }
    StringBuilder out =
        new StringBuilder(size)
            .append("{\"event\":\"")
            .append(op.wireName())
            .append("\",\"data\":[");
    for (int i = 0; i < rowsJson.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(rowsJson.get(i));
    }
    return out.append("]}").toString();
  }
}
