package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns a Debezium row into FastSchema's JSON for that row (spec 1.11): keys in table column order,
 * times as RFC 3339, uuid strings, json embedded. SQL NULL is an absent key, except for the types
 * whose NULL FastSchema writes as a value (uuid → the zero uuid, uint → 0) and bytes: those carry
 * JSON {@code null}, so that filters and Kafka consumers see the NULL; fanout writes FastSchema's
 * value for clients ({@link io.fastschema.realtime.event.ClientNulls}). Columns FastSchema never
 * serializes ({@link Schema#isNeverShown}: {@code users.password}, {@code sessions.otp_hash}) are
 * never emitted.
 *
 * <p>Thread-safe: stateless apart from the shared mapper.
 */
final class RowEncoder {

  private final ObjectMapper mapper;

  RowEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Encodes every column of the row. */
  ObjectNode encode(Schema schema, Struct row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : row.schema().fields()) {
      String name = f.name();
      if (schema.isNeverShown(name)) {
        continue;
      }
      Optional<Column> column = schema.column(name);
      Object value = row.get(f);
      if (value == null) {
        column.ifPresent(c -> putNull(out, c));
        continue;
      }
      out.set(name, encodeValue(f.schema().name(), value, column.map(Column::type).orElse(null)));
    }
    return out;
  }

  /** Encodes every non-null column by its Debezium type alone: for tables outside the model. */
  ObjectNode encodeUntyped(Struct row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : row.schema().fields()) {
      Object value = row.get(f);
      if (value != null) {
        out.set(f.name(), encodeValue(f.schema().name(), value, null));
      }
    }
    return out;
  }

  /**
   * Encodes only the primary key columns: the before-image of a delete on a table without REPLICA
   * IDENTITY FULL, where PostgreSQL sends the key and placeholders for everything else.
   */
  ObjectNode encodeKeyOnly(Schema schema, Struct row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    String pk = schema.primaryKey().name();
    Field f = row.schema().field(pk);
    if (f != null && row.get(f) != null) {
      out.set(pk, encodeValue(f.schema().name(), row.get(f), schema.primaryKey().type()));
    }
    return out;
  }

  private static void putNull(ObjectNode out, Column c) {
    switch (c.type()) {
      case UUID, UINT, BYTES -> out.putNull(c.name());
      default -> {
        // FastSchema leaves the key out for every other type.
      }
    }
  }

  private JsonNode encodeValue(String connectType, Object value, FieldType modelType) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (connectType != null) {
      switch (connectType) {
        case "io.debezium.time.ZonedTimestamp":
          return json.textNode(GoTimeFormat.fromIsoOffset((String) value));
        case "io.debezium.time.MicroTimestamp":
          return json.textNode(
              GoTimeFormat.format(Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS)));
        case "io.debezium.time.Timestamp":
          return json.textNode(GoTimeFormat.format(Instant.ofEpochMilli((Long) value)));
        case "io.debezium.time.NanoTimestamp":
          return json.textNode(
              GoTimeFormat.format(Instant.EPOCH.plus((Long) value, ChronoUnit.NANOS)));
        case "io.debezium.time.Date":
          return json.textNode(
              GoTimeFormat.format(
                  LocalDate.ofEpochDay((Integer) value).atStartOfDay().toInstant(ZoneOffset.UTC)));
        case "io.debezium.data.Json":
          return parseJson((String) value);
        default:
          break;
      }
    }
    if (modelType == FieldType.JSON && value instanceof String s) {
      return parseJson(s); // MariaDB's json is longtext: Debezium sees a plain string
    }
    if (modelType == FieldType.BOOL && value instanceof Number n) {
      // MySQL's bool is tinyint(1); go-sql-driver scans it into FastSchema's bool as 0 → false.
      return json.booleanNode(n.intValue() != 0);
    }
    if (value instanceof String s) {
      return json.textNode(modelType == FieldType.UUID ? s.toLowerCase(java.util.Locale.ROOT) : s);
    }
    if (value instanceof Boolean b) {
      return json.booleanNode(b);
    }
    if (value instanceof Long l) {
      return json.numberNode(l);
    }
    if (value instanceof Integer i) {
      return json.numberNode(i);
    }
    if (value instanceof Short s) {
      return json.numberNode(s);
    }
    if (value instanceof Byte b) {
      return json.numberNode(b);
    }
    if (value instanceof Float f) {
      return json.numberNode(f);
    }
    if (value instanceof Double d) {
      return json.numberNode(d);
    }
    if (value instanceof BigDecimal d) {
      return json.numberNode(d);
    }
    if (value instanceof ByteBuffer buf) {
      ByteBuffer copy = buf.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return json.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof byte[] bytes) {
      return json.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    return json.textNode(String.valueOf(value));
  }

  private JsonNode parseJson(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      // PostgreSQL validated it as json; keep the text rather than lose the value.
      return JsonNodeFactory.instance.textNode(text);
    }
  }
}
