package io.fastschema.realtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of {@link StateRecord} on a relation state topic, described for other consumers in
 * {@code record-event.schema.json} ({@code $defs.stateRecord}). Key: the JSON of {@link
 * StateRecord#key()} with its fields in name order, so that one row always has one key.
 *
 * <p>Thread-safe.
 */
public final class StateRecordCodec {

  private final ObjectMapper mapper;

  public StateRecordCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public StateRecordCodec() {
    this(new ObjectMapper());
  }

  /** The key object of a row: the named columns, in name order. */
  public static ObjectNode keyOf(ObjectNode row, Iterable<String> columns) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (String column : columns) {
      JsonNode value = row.get(column);
      sorted.put(column, value == null ? JsonNodeFactory.instance.nullNode() : value);
    }
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    sorted.forEach(key::set);
    return key;
  }

  /** A reusable writer for {@code encode(JsonOutput, ...)} on one thread. */
  public JsonOutput newOutput() {
    return new JsonOutput(mapper);
  }

  public byte[] encodeKey(StateRecord r) {
    return JsonOutput.writeOnce(
        mapper, JsonWritable.of(r.key()), "the key of a " + r.table() + " row");
  }

  public byte[] encode(StateRecord r) {
    return JsonOutput.writeOnce(
        mapper,
        record(
            r.table(),
            r.op(),
            JsonWritable.of(r.key()),
            JsonWritable.of(r.row()),
            r.id(),
            r.position(),
            r.commitTimeMs()),
        "a " + r.table() + " row");
  }

  /**
   * The JSON of a state record of {@link StateRecord}'s components, key and row written as the
   * record is: the bytes {@link #encode(StateRecord)} writes for the same row.
   */
  public static JsonWritable record(
      String table,
      String op,
      JsonWritable key,
      JsonWritable row,
      String id,
      long position,
      long commitTimeMs) {
    return g -> {
      g.writeStartObject();
      g.writeNumberField("v", RecordEventCodec.FORMAT_VERSION);
      g.writeStringField("table", table);
      g.writeStringField("op", op);
      g.writeFieldName("key");
      key.writeTo(g);
      g.writeFieldName("row");
      row.writeTo(g);
      if (id == null) {
        g.writeNullField("id");
      } else {
        g.writeStringField("id", id);
      }
      g.writeNumberField("position", position);
      g.writeNumberField("commit_ts_ms", commitTimeMs);
      g.writeEndObject();
    };
  }

  /** Decodes a state record's value (not a tombstone); names what is wrong. */
  public StateRecord decode(byte[] json) throws RecordEventCodec.MalformedEventException {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (IOException e) {
      throw new RecordEventCodec.MalformedEventException("state record is not JSON", e);
    }
    if (!(root instanceof ObjectNode o)
        || !o.path("table").isTextual()
        || !o.path("op").isTextual()
        || !(o.get("key") instanceof ObjectNode)
        || !(o.get("row") instanceof ObjectNode)
        || !o.path("position").canConvertToLong()) {
      throw new RecordEventCodec.MalformedEventException(
          "state record lacks table, op, key, row or position: " + abbreviate(root), null);
    }
    JsonNode id = o.get("id");
    return new StateRecord(
        o.get("table").asText(),
        (ObjectNode) o.get("key"),
        o.get("op").asText(),
        (ObjectNode) o.get("row"),
        id == null || id.isNull() ? null : id.asText(),
        o.get("position").asLong(),
        o.path("commit_ts_ms").asLong());
  }

  /** The key object of a record, from its Kafka key bytes (a tombstone has nothing else). */
  public ObjectNode decodeKey(byte[] json) throws RecordEventCodec.MalformedEventException {
    try {
      JsonNode key = mapper.readTree(json);
      if (key instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      throw new RecordEventCodec.MalformedEventException("state key is not JSON", e);
    }
    throw new RecordEventCodec.MalformedEventException("state key is not a JSON object", null);
  }

  /** The text a row is found by: its key's values, in the key's order. */
  public static String keyText(ObjectNode key) {
    StringBuilder text = new StringBuilder();
    for (Iterator<JsonNode> it = key.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      text.append(v.isNull() ? "\u0001" : v.asText());
      if (it.hasNext()) {
        text.append('\u0000');
      }
    }
    return text.toString();
  }

  private static String abbreviate(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
