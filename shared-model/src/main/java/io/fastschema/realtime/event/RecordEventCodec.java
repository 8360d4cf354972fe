package io.fastschema.realtime.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

  public byte[] encode(RecordEvent e) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("v", FORMAT_VERSION);
    root.put("id", e.id());
    root.put("schema", e.schema());
    root.put("table", e.table());
    root.put("op", e.op().wireName());
    root.set("key", e.key());
    root.set("before", e.before());
    root.set("after", e.after());
    ObjectNode txn = root.putObject("txn");
    txn.put("id", e.txn().id());
    txn.put("order", e.txn().order());
    txn.put("group_start", e.txn().groupStart());
    txn.put("last_in_group", e.txn().lastInGroup());
    txn.put("last_in_txn", e.txn().lastInTransaction());
    ObjectNode src = root.putObject("source");
    src.put("lsn", e.source().lsn());
    src.put("prev_commit_lsn", e.source().prevCommitLsn());
    src.put("commit_ts_ms", e.source().commitTimeMs());
    src.put("capture_ts_ms", e.source().captureTimeMs());
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode event " + e.id(), ex);
    }
  }

  /**
   * The Kafka record key: the primary key object, so that one record always maps to one partition.
   */
  public byte[] encodeKey(RecordEvent e) {
    try {
      return mapper.writeValueAsBytes(e.key());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode key of event " + e.id(), ex);
    }
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
