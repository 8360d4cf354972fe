package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;

/**
 * Writes FastSchema's realtime messages: {@code {"event":"<op>","data":<row or rows>}} with the keys
 * in that order. A create carries one object; an update or delete carries an array of the group's
 * rows, or one object for a subscriber whose handshake named an {@code id}.
 *
 * <p>Thread-safe.
 */
public final class MessageEncoder {

  private final ObjectMapper mapper;

  public MessageEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
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
    return new StringBuilder(rowJson.length() + 32).append("{\"event\":\"").append(op.wireName())
        .append("\",\"data\":").append(rowJson).append('}').toString();
  }

  /** A message whose data is an array of rows, given as JSON texts. */
  public String array(Operation op, java.util.List<String> rowsJson) {
    int size = 34;
    for (String r : rowsJson) {
      size += r.length() + 1;
    }
    StringBuilder out = new StringBuilder(size).append("{\"event\":\"").append(op.wireName())
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
