package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.CloseReason;

/**
 * A handshake that upgrades and is then closed at once, as FastSchema does: with a close code that
 * says what went wrong and FastSchema's reason text.
 */
public final class HandshakeRejection extends Exception {

  private static final long serialVersionUID = 1L;

  private final CloseReason reason;

  public HandshakeRejection(CloseReason reason, String text) {
    super(text, null, false, false);
    this.reason = reason;
  }

  public CloseReason reason() {
    return reason;
  }
}
