package io.fastschema.realtime.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code compat-cases.json}: a handshake, what the stack must answer, and for an
 * accepted connection the writes and client frames that follow with the messages they must produce.
 * Strings may hold placeholders ({@link CaseScope}). Immutable.
 *
 * @param id unique, stable name of the case
 * @param spec where the expectation comes from: a spec section ({@code "1.4 event"}) or a
 *     documented fix ({@code "fix: delete honours filter"})
 * @param knownGap null, or why the product is known to fail this case: the case still runs, and a
 *     failure is reported as skipped with this text
 * @param setup SQL run before the handshake, in order, each statement in its own transaction
 * @param tokens named token specifications ({@link TokenSpec}) usable as {@code {{token:name}}}
 * @param awaitAllowed null, or a handshake retried until accepted before the real one: proof that
 *     the setup's access changes reached the node, so that a refusal means what the case says
 * @param steps what happens on an accepted connection, in order
 * @param cleanup SQL run after the case, before the generic clean-up of everything the case's
 *     {@code {{uuid:...}}} ids name
 */
record CompatCase(
    String id,
    String spec,
    String description,
    String knownGap,
    List<SetupStatement> setup,
    Map<String, JsonNode> tokens,
    Handshake awaitAllowed,
    Handshake handshake,
    Expectation expect,
    List<Step> steps,
    List<String> cleanup) {

  /** A setup statement; when {@code capture} is set, the first column of its first row is kept. */
  record SetupStatement(String sql, String capture) {}

  /**
   * How to connect.
   *
   * @param path the request path
   * @param query the raw query string, used as written (after placeholders)
   * @param params further query arguments, URL-encoded by the runner and appended in order
   * @param token {@code none}, or the name of a token sent as {@code Authorization: Bearer}
   * @param headers extra request headers, exactly as written (empty values too)
   * @param cookies sent as one {@code Cookie} header
   * @param subprotocols null, or the exact {@code Sec-WebSocket-Protocol} line, as a browser sends
   *     it (one line, comma-separated)
   * @param plainHttp a GET without upgrade headers instead of a WebSocket handshake
   * @param retryUntilOpen retry the handshake (access changes propagate asynchronously) until the
   *     connection stays open, or the deadline
   */
  record Handshake(
      String path,
      String query,
      List<Map.Entry<String, String>> params,
      String token,
      Map<String, String> headers,
      Map<String, String> cookies,
      String subprotocols,
      boolean plainHttp,
      boolean retryUntilOpen) {}

  /** What the stack must answer the handshake with. */
  sealed interface Expectation {
    /** The negotiated subprotocol to check: null to not check, {@code ""} for "none selected". */
    String subprotocol();
  }

  /** 101, then a close frame with this code and reason (exact, or by prefix). */
  record Close(int code, String reason, String reasonPrefix, String subprotocol)
      implements Expectation {}

  /** 101, and the connection stays open; the steps run on it. */
  record Open(String subprotocol) implements Expectation {}

  /** A plain HTTP answer with this status. */
  record HttpStatus(int status) implements Expectation {
    @Override
    public String subprotocol() {
      return null;
    }
  }
}
