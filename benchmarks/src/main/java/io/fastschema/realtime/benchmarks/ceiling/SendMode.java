package io.fastschema.realtime.benchmarks.ceiling;

import java.util.Locale;

/**
 * How the broadcast server hands frames to Jetty. Jetty 12.1's API {@code Session} has no
 * auto-flush switch or batch mode any more (Jetty 9/10's {@code RemoteEndpoint.setBatchMode} and
 * {@code flush()} are gone); the batching hook is the core session behind it, {@code
 * WebSocketSession.getCoreSession()}: {@code sendFrame(frame, callback, batch=true)} copies the
 * frame into an aggregation buffer of {@code outputBufferSize} bytes that is written when full or
 * on {@code CoreSession.flush(callback)}.
 */
enum SendMode {
  /**
   * Per connection: frames with {@code batch=true} until about {@code batch-bytes} are queued, then
   * one {@code flush}; the next batch starts when that flush completed (one batch in flight).
   */
  BATCHED,
  /**
   * Per connection: one frame per write ({@code batch=false}), the next sent from the previous
   * one's completion (one in flight): what fanout's {@code ClientSession} does today.
   */
  FLUSHED,
  /**
   * One publisher thread writes every message to every connection itself, waiting for each write to
   * complete before the next: no per-connection queue, no pipelining.
   */
  INLINE,
  /**
   * Not a way fanout could send: per connection, one buffer holding {@code batch-bytes} of frames
   * encoded once up front, written straight to the connection's socket endpoint (Jetty's frame
   * flusher bypassed), one write in flight. What the kernel and the client JVM absorb when framing
   * costs nothing: the upper bound the Jetty-level modes are up against.
   */
  PREFRAMED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SendMode parse(String text) {
    for (SendMode m : values()) {
      if (m.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown mode '" + text + "': batched, flushed or inline");
  }
}
