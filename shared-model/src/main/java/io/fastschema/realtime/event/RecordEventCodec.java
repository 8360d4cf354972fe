package io.fastschema.realtime.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON form of {@link RecordEvent} on Kafka, described for other consumers by {@code
 * record-event.schema.json} in this module. Field names are snake_case and stable.
 *
 * <p>Thread-safe.
 */
public final class RecordEventCodec {

  /** Version of the event format, carried in every event as {@code "v"}. */
  public static final int FORMAT_VERSION = 1;

  private final ObjectMapper mapper;

  public RecordEventCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public RecordEventCodec() {
    this(new ObjectMapper());
  }

  /** A reusable writer for {@code encode(JsonOutput, ...)} on one thread. */
  public JsonOutput newOutput() {
    return new JsonOutput(mapper);
  }

  public byte[] encode(RecordEvent e) {
    return JsonOutput.writeOnce(
        mapper,
        event(
            e.id(),
            e.schema(),
            e.table(),
            e.op(),
            JsonWritable.of(e.key()),
            JsonWritable.of(e.before()),
            JsonWritable.of(e.after()),
            e.txn(),
            e.source()),
        "event " + e.id());
  }

  /**
   * The JSON of an event of {@link RecordEvent}'s components, its rows written as the event is: how
   * ingest encodes rows it never builds as trees (with a {@link JsonOutput} of its thread). The
   * bytes are those {@link #encode(RecordEvent)} writes for the same rows.
   */
  public static JsonWritable event(
      String id,
      String schema,
      String table,
      Operation op,
      JsonWritable key,
      JsonWritable before,
      JsonWritable after,
      TransactionPosition txn,
      SourcePosition source) {
    return g -> {
      g.writeStartObject();
      g.writeNumberField("v", FORMAT_VERSION);
      g.writeStringField("id", id);
      g.writeStringField("schema", schema);
      g.writeStringField("table", table);
      g.writeStringField("op", op.wireName());
      g.writeFieldName("key");
      key.writeTo(g);
      g.writeFieldName("before");
      before.writeTo(g);
      g.writeFieldName("after");
      after.writeTo(g);
      g.writeObjectFieldStart("txn");
      g.writeStringField("id", txn.id());
      g.writeNumberField("order", txn.order());
      g.writeNumberField("group_start", txn.groupStart());
      g.writeBooleanField("last_in_group", txn.lastInGroup());
      g.writeBooleanField("last_in_txn", txn.lastInTransaction());
      g.writeEndObject();
      g.writeObjectFieldStart("source");
      g.writeNumberField("lsn", source.lsn());
      g.writeNumberField("prev_commit_lsn", source.prevCommitLsn());
      g.writeNumberField("commit_ts_ms", source.commitTimeMs());
      g.writeNumberField("capture_ts_ms", source.captureTimeMs());
      g.writeEndObject();
      g.writeEndObject();
    };
  }

  /**
   * The Kafka record key: the primary key object, so that one record always maps to one partition.
   */
  public byte[] encodeKey(RecordEvent e) {
    return JsonOutput.writeOnce(mapper, JsonWritable.of(e.key()), "key of event " + e.id());
  }

  /** A bare row as JSON bytes. */
  public byte[] encodeRow(ObjectNode row) {
    try {
      return mapper.writeValueAsBytes(row);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode a row", ex);
    }
  }

  /** Decodes an event; throws {@link MalformedEventException} naming what is wrong. */
  public RecordEvent decode(byte[] json) throws MalformedEventException {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (IOException ex) {
      throw new MalformedEventException("not JSON: " + ex.getMessage(), ex);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedEventException("not a JSON object", null);
    }
    try {
      JsonNode txn = need(root, "txn");
      JsonNode src = need(root, "source");
      return new RecordEvent(
          need(root, "id").asText(),
          need(root, "schema").asText(),
          need(root, "table").asText(),
          Operation.fromWireName(need(root, "op").asText()),
          (ObjectNode) need(root, "key"),
          objectOrNull(root.get("before")),
          objectOrNull(root.get("after")),
          new TransactionPosition(
              need(txn, "id").asText(),
              need(txn, "order").asLong(),
              need(txn, "group_start").asLong(),
              need(txn, "last_in_group").asBoolean(),
              // Absent from events written before it existed.
              txn.path("last_in_txn").asBoolean(false)),
          new SourcePosition(
              need(src, "lsn").asLong(),
              need(src, "prev_commit_lsn").asLong(),
              need(src, "commit_ts_ms").asLong(),
              need(src, "capture_ts_ms").asLong()));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException ex) {
      throw new MalformedEventException(ex.getMessage(), ex);
    }
  }

  private static JsonNode need(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return n;
  }

  private static ObjectNode objectOrNull(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("row is not an object: " + n.getNodeType());
    }
    return (ObjectNode) n;
  }

  /** An event that cannot be read; carries why. */
  public static final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
