package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.fanout.stream.StreamPosition;

/**
 * How far one session's client has got in the stream: the position its close reason hands back for
 * resuming, and, after a replay handed over to the live stream, below which live deliveries were
 * replayed already.
 *
 * <p>Two owners, no lock of its own: {@link #served} is guarded by the owning {@link
 * ClientSession}'s monitor (sends complete on Jetty threads, closes happen anywhere), while {@link
 * #replayedThrough} is written by the hand-over and read by dispatch, both on {@code fanout-kafka}.
 */
final class ResumeProgress {

  /** The handshake's {@code since}, or null: then no cursor is handed back. */
  private final ResumeRequest resume;

  /**
   * How far this client has been served: everything below was written to it or was not for it. What
   * its close reason hands back for resuming; guarded by the session's monitor.
   */
  private StreamPosition served;

  /**
   * After a replay handed over to the live stream: deliveries below this position were replayed
   * already. Dispatch thread only.
   */
  private StreamPosition replayedThrough;

  ResumeProgress(ResumeRequest resume) {
    this.resume = resume;
  }

  /** Guarded by the session's monitor. */
  StreamPosition served() {
    return served;
  }

  /**
   * Everything below {@code position} reached the client or was not for it. Guarded by the monitor.
   */
  void servedThrough(StreamPosition position) {
    served = position;
  }

  /** Deliveries below this position (or none, when null) were replayed already. Dispatch thread. */
  void replayedThrough(StreamPosition position) {
    replayedThrough = position;
  }

  /**
   * Whether a live delivery was already sent by this session's replay. Dispatch thread only; the
   * check stops once the live stream has passed where the replay ended.
   */
  boolean replayedAlready(Delivery d) {
    StreamPosition through = replayedThrough;
    if (through == null) {
      return false;
    }
    if (d.liesBelow(through)) {
      return true;
    }
    if (d.position() != null && d.position().covers(through)) {
      replayedThrough = null;
    }
    return false;
  }

  /**
   * A close reason for a client told to reconnect: with {@code " since=<cursor>"} of {@code at}
   * when it asked for cursors and the whole reason fits in a close frame (123 bytes; cursors of
   * topics with a few partitions do). Otherwise the client resumes from the cursor of the last
   * message it received. Needs no lock: the session read {@code at} under its monitor, and signing
   * the cursor need not hold it.
   *
   * @param at how far the client has been served, or null when unknown
   */
  String withCursor(String reason, StreamPosition at) {
    if (at == null || resume == null) {
      return reason;
    }
    String full = reason + " since=" + at.cursor(resume.binding());
    return full.length() <= 123 ? full : reason;
  }
}
