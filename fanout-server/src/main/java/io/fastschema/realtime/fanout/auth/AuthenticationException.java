package io.fastschema.realtime.fanout.auth;

import java.util.Objects;

/**
 * A token was refused. {@link #reason()} says why in a form code can act on; the message says it
 * for people.
 *
 * <p>Neither ever contains the token or the key, so the exception may be logged as it is. It chains
 * no library exception for the same reason: JWT library messages quote header and claim values of
 * untrusted tokens. It records no stack trace, because a refusal is an expected outcome of a
 * client's input, not a fault in this process, and clients may present bad tokens at a high rate.
 */
public final class AuthenticationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not a compact JWS: wrong number of parts, bad base64url or JSON, no {@code alg}. */
    MALFORMED,
    /** The signature does not verify with the app key. */
    BAD_SIGNATURE,
    /** {@code alg} is not HS256, HS384 or HS512; this includes {@code none}. */
    ALGORITHM_NOT_ALLOWED,
    /** {@code exp} is not after now. */
    EXPIRED,
    /** No {@code exp}: tokens that never expire are refused, unlike FastSchema. */
    MISSING_EXPIRY,
    /** No {@code user} with a non-zero id, as in a refresh token ({@code uid}, {@code sid}). */
    NO_USER_CLAIM,
    /** A claim has the wrong JSON type or value, or the token is not valid yet. */
    BAD_CLAIMS
  }

  private final Reason reason;

  /**
   * @param detail what exactly is wrong; must not contain the token or the key
   */
  public AuthenticationException(Reason reason, String detail) {
    super(Objects.requireNonNull(reason, "reason") + ": " + detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
