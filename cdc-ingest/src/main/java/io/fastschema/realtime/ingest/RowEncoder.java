package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.JsonOutput;
import io.fastschema.realtime.event.JsonWritable;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
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
 * <p>Two forms of the same JSON: {@link #write} streams a content row straight into the event being
 * encoded (the hot path: no tree, column names encoded once per row layout), the {@code encode}
 * methods build a tree for the few consumers that read one (security rows, junction and snapshot
 * rows). Both take each value from {@link #valueOf}, so they cannot disagree; {@code
 * EventBytesGoldenTest} pins the bytes.
 *
 * <p>Not thread-safe: caches row layouts; one instance per engine run, used by its handler thread.
 */
final class RowEncoder {

  /** Layouts kept at most; Debezium makes a new row schema only when a table's columns change. */
  private static final int MAX_LAYOUTS = 1024;

  private final ObjectMapper mapper;

  /** By Debezium row schema (identity: its equals and hashCode walk every field). */
  private final Map<org.apache.kafka.connect.data.Schema, RowLayout> layouts =
      new IdentityHashMap<>();

  /** Writes rows to bytes of their own ({@link #bytes}), with one reused generator and buffer. */
  private final JsonOutput rows;

  RowEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
    this.rows = new JsonOutput(mapper);
  }

  /** What {@code row} writes, as bytes of its own: the same bytes it writes into any record. */
  byte[] bytes(JsonWritable row) {
    return rows.write(row, "a row");
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
      out.set(
          name,
          nodeOf(
              valueOf(DebeziumType.of(f.schema()), value, column.map(Column::type).orElse(null))));
    }
    return out;
  }

  /** Writes what {@link #encode} builds, as the next value of {@code g}. */
  void write(JsonGenerator g, Schema schema, Struct row) throws IOException {
    RowLayout layout = layoutOf(schema, row.schema());
    g.writeStartObject();
    for (int i = 0; i < layout.size(); i++) {
      if (layout.hidden(i)) {
        continue;
      }
      Object value = row.get(layout.field(i));
      if (value == null) {
        if (layout.nullWritten(i)) {
          g.writeFieldName(layout.name(i));
          g.writeNull();
        }
        continue;
      }
      g.writeFieldName(layout.name(i));
      writeValue(g, valueOf(layout.debeziumType(i), value, layout.modelType(i)));
    }
    g.writeEndObject();
  }

  /** Encodes every non-null column by its Debezium type alone: for tables outside the model. */
  ObjectNode encodeUntyped(Struct row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : row.schema().fields()) {
      Object value = row.get(f);
      if (value != null) {
        out.set(f.name(), nodeOf(valueOf(DebeziumType.of(f.schema()), value, null)));
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
      out.set(
          pk, nodeOf(valueOf(DebeziumType.of(f.schema()), row.get(f), schema.primaryKey().type())));
    }
    return out;
  }

  /**
   * Writes the primary key object of the row as {@link #encode} (whole row) or {@link
   * #encodeKeyOnly} would hold it: the key column, left out when the row has no value for it.
   *
   * @param keyOnly whether the row is a key-only image (a NULL key is then left out whatever its
   *     type)
   */
  void writeKey(JsonGenerator g, Schema schema, Struct row, boolean keyOnly) throws IOException {
    String pk = schema.primaryKey().name();
    Field f = row.schema().field(pk);
    Object value = f == null ? null : row.get(f);
    g.writeStartObject();
    if (value != null) {
      g.writeFieldName(pk);
      writeValue(g, valueOf(DebeziumType.of(f.schema()), value, schema.primaryKey().type()));
    } else if (f != null && !keyOnly && !schema.isNeverShown(pk) && nullWritten(schema, pk)) {
      g.writeNullField(pk);
    }
    g.writeEndObject();
  }

  /** Whether {@link #encode} gives the column a value other than JSON null. */
  boolean holdsValue(Schema schema, Struct row, String column) {
    Field f = row.schema().field(column);
    if (f == null || schema.isNeverShown(column)) {
      return false;
    }
    Object value = row.get(f);
    if (value == null) {
      return false;
    }
    FieldType type = schema.column(column).map(Column::type).orElse(null);
    return !(valueOf(DebeziumType.of(f.schema()), value, type) instanceof JsonNode node
        && node.isNull());
  }

  private static boolean nullWritten(Schema schema, String column) {
    return schema.column(column).map(RowEncoder::nullWritten).orElse(false);
  }

  /** Whether FastSchema's NULL of the column is written as JSON null rather than left out. */
  static boolean nullWritten(Column c) {
    return switch (c.type()) {
      case UUID, UINT, BYTES -> true;
      default -> false; // FastSchema leaves the key out for every other type.
    };
  }

  private static void putNull(ObjectNode out, Column c) {
    if (nullWritten(c)) {
      out.putNull(c.name());
    }
  }

  private RowLayout layoutOf(Schema schema, org.apache.kafka.connect.data.Schema rowSchema) {
    RowLayout layout = layouts.get(rowSchema);
    if (layout == null || layout.schema() != schema) {
      if (layouts.size() >= MAX_LAYOUTS) {
        layouts.clear();
      }
      layout = RowLayout.of(schema, rowSchema);
      layouts.put(rowSchema, layout);
    }
    return layout;
  }

  /**
   * The JSON value of a column: a {@link String}, {@link Boolean}, boxed number or {@link JsonNode}
   * (embedded json), which {@link #nodeOf} and {@link #writeValue} turn into the same JSON.
   */
  private Object valueOf(DebeziumType type, Object value, FieldType modelType) {
    switch (type) {
      case ZONED_TIMESTAMP:
        return GoTimeFormat.fromIsoOffset((String) value);
      case MICRO_TIMESTAMP:
        return GoTimeFormat.format(Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS));
      case TIMESTAMP:
        return GoTimeFormat.format(Instant.ofEpochMilli((Long) value));
      case NANO_TIMESTAMP:
        return GoTimeFormat.format(Instant.EPOCH.plus((Long) value, ChronoUnit.NANOS));
      case DATE:
        return GoTimeFormat.format(
            LocalDate.ofEpochDay((Integer) value).atStartOfDay().toInstant(ZoneOffset.UTC));
      case JSON:
        return parseJson((String) value);
      default:
        break;
    }
    if (modelType == FieldType.JSON && value instanceof String s) {
      return parseJson(s); // MariaDB's json is longtext: Debezium sees a plain string
    }
    if (modelType == FieldType.BOOL && value instanceof Number n) {
      // MySQL's bool is tinyint(1); go-sql-driver scans it into FastSchema's bool as 0 → false.
      return n.intValue() != 0;
    }
    if (value instanceof String s) {
      return modelType == FieldType.UUID ? s.toLowerCase(Locale.ROOT) : s;
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value;
    }
    if (value instanceof ByteBuffer buf) {
      ByteBuffer copy = buf.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return String.valueOf(value);
  }

  private static JsonNode nodeOf(Object value) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (value instanceof String s) {
      return json.textNode(s);
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
    if (value instanceof JsonNode node) {
      return node;
    }
    return json.textNode(String.valueOf(value)); // other Number kinds, as before the split
  }

  /** Writes what {@link #nodeOf} would serialize to, with the generator calls its nodes make. */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Long l) {
      g.writeNumber(l.longValue());
    } else if (value instanceof Integer i) {
      g.writeNumber(i.intValue());
    } else if (value instanceof Short s) {
      g.writeNumber(s.shortValue());
    } else if (value instanceof Byte b) {
      g.writeNumber(b.intValue()); // numberNode(byte) is an IntNode
    } else if (value instanceof Float f) {
      g.writeNumber(f.floatValue());
    } else if (value instanceof Double d) {
      g.writeNumber(d.doubleValue());
    } else {
      // Decimals (never sent under decimal.handling.mode=double) and embedded json: rare enough to
      // write through the node itself, which keeps the factory's decimal rules exactly.
      g.writeTree(nodeOf(value));
    }
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
