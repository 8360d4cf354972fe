package io.fastschema.realtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.Schema;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * FastSchema's output rule for the SQL NULLs its Go types cannot hold, applied where a row is
 * written for a WebSocket client: a NULL {@code uint} column reads as {@code 0} and a NULL {@code
 * uuid} as the zero uuid (spec 1.11; FastSchema's {@code assignUint} and {@code uuid.Scan}).
 *
 * <p>Record events carry those NULLs as JSON {@code null} instead, so that filters are judged on
 * what the database holds ({@code {"likes":0}} must not match a NULL, {@code $null} must) and other
 * Kafka consumers see NULL as NULL. Bytes NULLs stay {@code null} both ways.
 *
 * <p>Thread-safety: immutable.
 */
public final class ClientNulls {

  /** Rows of this schema have nothing to substitute. */
  public static final ClientNulls NONE = new ClientNulls(Map.of());

  private static final JsonNode ZERO_UUID =
      TextNode.valueOf("00000000-0000-0000-0000-000000000000");

  /** Column name → what FastSchema writes for its NULL. */
  private final Map<String, JsonNode> substitutes;

  private ClientNulls(Map<String, JsonNode> substitutes) {
    this.substitutes = substitutes;
  }

  public static ClientNulls of(Schema schema) {
    Map<String, JsonNode> out = new HashMap<>();
    for (Column c : schema.columns()) {
      switch (c.type()) {
        case UINT -> out.put(c.name(), IntNode.valueOf(0));
        case UUID -> out.put(c.name(), ZERO_UUID);
        default -> {
          // Every other type's NULL is an absent key (or null for bytes) in both encodings.
        }
      }
    }
    return out.isEmpty() ? NONE : new ClientNulls(Map.copyOf(out));
  }

  /**
   * The row as FastSchema writes it: the same instance when no NULL needs a substitute (the usual
   * case: no allocation), else a copy in the same key order with the substitutes in place.
   */
  public ObjectNode apply(ObjectNode row) {
    if (substitutes.isEmpty() || !needsSubstitute(row)) {
      return row;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode substitute = e.getValue().isNull() ? substitutes.get(e.getKey()) : null;
      out.set(e.getKey(), substitute != null ? substitute : e.getValue());
    }
    return out;
  }

  private boolean needsSubstitute(ObjectNode row) {
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull() && substitutes.containsKey(e.getKey())) {
        return true;
      }
    }
    return false;
  }
}
