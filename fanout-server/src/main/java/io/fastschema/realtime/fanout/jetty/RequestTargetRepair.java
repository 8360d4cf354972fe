package io.fastschema.realtime.fanout.jetty;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Accepts request targets the way FastSchema's clients write them, before Jetty's WebSocket upgrade
 * turns the target into a {@link java.net.URI} (which refuses them with an HTTP 500):
 *
 * <ul>
 *   <li>Query characters that browsers and Node's {@code ws} send raw ({@code { } " | ^ [ ] \ < >}
 *       and others outside RFC 3986, as FastSchema's documented {@code
 *       filter={"status":"published"}}) are percent-encoded; the decoded arguments are unchanged.
 *   <li>A {@code %} not followed by two hex digits cannot be decoded: it is kept literally, and the
 *       request is marked ({@link #MALFORMED_QUERY}) so that the handshake closes with 4400 and a
 *       reason instead of an HTML 400.
 *   <li>Runs of slashes in the path are merged ({@code //api/realtime/content}, what a client
 *       configured with a base URL ending in {@code /} requests). FastSchema's router (Fiber)
 *       matches on the raw path and answers 404 there; serving it is what such a client needs.
 * </ul>
 */
final class RequestTargetRepair extends Handler.Wrapper {

  /** Request attribute: a description of the first undecodable escape in the query. */
  static final String MALFORMED_QUERY = RequestTargetRepair.class.getName() + ".malformedQuery";

  RequestTargetRepair(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    String query = uri.getQuery();
    String fixedPath = path == null ? null : mergeSlashes(path);
    RepairedQuery fixedQuery = query == null ? null : repairQuery(query);
    boolean pathChanged = fixedPath != null && !fixedPath.equals(path);
    boolean queryChanged = fixedQuery != null && !fixedQuery.text().equals(query);
    if (!pathChanged && !queryChanged) {
      return super.handle(request, response, callback);
    }
    HttpURI.Mutable fixed = HttpURI.build(uri);
    if (pathChanged) {
      fixed.path(fixedPath);
    }
    if (queryChanged) {
      fixed.query(fixedQuery.text());
    }
    HttpURI repaired = fixed.asImmutable();
    Request wrapped =
        new Request.Wrapper(request) {
          @Override
          public HttpURI getHttpURI() {
            return repaired;
          }
        };
    if (fixedQuery != null && fixedQuery.malformed() != null) {
      wrapped.setAttribute(MALFORMED_QUERY, fixedQuery.malformed());
    }
    return super.handle(wrapped, response, callback);
  }

  static String mergeSlashes(String path) {
    if (!path.contains("//")) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' || out.length() == 0 || out.charAt(out.length() - 1) != '/') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * @param malformed the first escape that cannot be decoded, described; null when none
   */
  record RepairedQuery(String text, String malformed) {}

  static RepairedQuery repairQuery(String query) {
    StringBuilder out = null;
    String malformed = null;
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      int next = i + 1;
      String replacement = null;
      if (c == '%') {
        if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
          replacement = "%25";
          if (malformed == null) {
            malformed =
                "malformed percent-encoding '"
                    + query.substring(i, Math.min(query.length(), i + 3))
                    + "'";
          }
        }
      } else if (!isAllowedRaw(c)) {
        // A surrogate pair is one code point: encoded together, as its UTF-8 bytes.
        next = Character.isHighSurrogate(c) && i + 1 < query.length() ? i + 2 : i + 1;
        replacement = percentEncode(query.substring(i, next));
      }
      if (replacement != null && out == null) {
        out = new StringBuilder(query.length() + 16).append(query, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(query, i, next);
        }
      }
      i = next;
    }
    return new RepairedQuery(out == null ? query : out.toString(), malformed);
  }

  private static String percentEncode(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      out.append('%')
          .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 3986 query characters (unreserved, sub-delims, ':', '@', '/', '?'). */
  private static boolean isAllowedRaw(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
  }
}
