package io.fastschema.realtime.fanout;

/**
 * Why the server closes a connection. Codes are in the private range 4000-4999 of RFC 6455 (plus
 * 1001 and 1009 from the RFC itself) so that a client can tell what happened; the reason texts are
 * FastSchema's, so that clients matching on them keep working.
 *
 * <p>Reconnect semantics for client SDKs: {@code 4400}, {@code 4403}, {@code 4404} are terminal
 * (the same request will fail again); {@code 4401} means get a valid token first; {@code 4008} and
 * {@code 1001} mean reconnect (to any node), with the cursor their reason carries when the session
 * had {@code since}; {@code 4410} means the cursor is older than Kafka's retention: what was missed
 * cannot be replayed, so start again (reload, then {@code since=now}).
 */
public enum CloseReason {
  /** Wrong query arguments: invalid event, id, filter or select. */
  BAD_REQUEST(4400),
  /** No valid token (missing, forged, expired, not HMAC, no exp). */
  UNAUTHENTICATED(4401),
  /** Valid token, but the user may not subscribe (or is inactive). */
  FORBIDDEN(4403),
  /** The schema does not exist. */
  UNKNOWN_SCHEMA(4404),
  /** The resume cursor points before what Kafka still holds (retention): a gap is unavoidable. */
  CURSOR_EXPIRED(4410),
  /** The client did not read fast enough; its bounded queue overflowed. */
  SLOW_CONSUMER(4008),
  /** The node is shutting down. */
  GOING_AWAY(1001),
  /** The node cannot serve yet (access control still loading): reconnect, maybe elsewhere. */
  TRY_AGAIN_LATER(1013),
  /** A client frame exceeded the size limit. */
  TOO_BIG(1009);

  private final int code;

  CloseReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * Makes a reason safe to send: control characters removed (a reason may quote the client's query,
   * and CR, LF or NUL echoed back would let it forge log lines or confuse clients), then shortened
   * to the 123 bytes a close frame can carry. FastSchema's longer reasons made its library refuse
   * the close frame, so clients saw 1006 with no reason at all.
   */
  public static String fit(String raw) {
    String reason = withoutControlCharacters(raw);
    byte[] utf8 = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (utf8.length <= 123) {
      return reason;
    }
    int end = Math.min(reason.length(), 120);
    while (reason.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > 120) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--; // never cut a character in half: a lone surrogate goes out as '?'
    }
    return reason.substring(0, end) + "...";
  }

  /** Removes C0 and C1 control characters and DEL (also what keeps a client's text in logs). */
  public static String withoutControlCharacters(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
