package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.StreamPosition;

/**
 * A handshake's {@code since=}: the client wants a cursor in every message and, with a cursor, what
 * it missed since.
 *
 * @param from where to resume; null only for an unresolved {@code since=now}
 * @param now whether {@code from} is this node's own live position at the handshake ({@code
 *     since=now}): trusted, so it is joined without checking it against Kafka
 * @param binding whom the cursors of this session are issued to (its user and subscription): the
 *     cursor given was checked against it, and every cursor sent is written with it
 */
public record ResumeRequest(StreamPosition from, boolean now, CursorBinding binding) {

  /** {@code since=now} before the live position is known. */
  static ResumeRequest now(CursorBinding binding) {
    return new ResumeRequest(null, true, binding);
  }

  static ResumeRequest fromCursor(StreamPosition from, CursorBinding binding) {
    return new ResumeRequest(from, false, binding);
  }

  /** Whether this is a {@code since=now} whose live position is still to be taken. */
  public boolean awaitsLivePosition() {
    return from == null;
  }

  /** {@code since=now} at the live position {@code live}. */
  public ResumeRequest at(StreamPosition live) {
    return new ResumeRequest(live, true, binding);
  }
}
