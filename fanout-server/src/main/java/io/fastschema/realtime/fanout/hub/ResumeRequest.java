package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.stream.StreamPosition;

/**
 * A handshake's {@code since=}: the client wants a cursor in every message and, with a cursor, what
 * it missed since.
 *
 * @param from where to resume; null only for an unresolved {@code since=now}
 * @param now whether {@code from} is this node's own live position at the handshake ({@code
 *     since=now}): trusted, so it is joined without checking it against Kafka
 */
public record ResumeRequest(StreamPosition from, boolean now) {

  /** {@code since=now} before the handshake looked up the live position. */
  public static final ResumeRequest NOW = new ResumeRequest(null, true);

  static ResumeRequest fromCursor(StreamPosition from) {
    return new ResumeRequest(from, false);
  }
}
