package io.fastschema.realtime.fanout.access;

/** The outcome of an authorization check, with FastSchema's error text. */
public enum AccessDecision {
  ALLOWED(null),
  /** A guest (no token) that no role allows. */
  UNAUTHORIZED("[401] Unauthorized"),
  /** A user that no role allows. */
  FORBIDDEN("[403] Forbidden"),
  /** A user whose token says it is not active. */
  INACTIVE("[403] User is inactive");

  private final String reason;

  AccessDecision(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
