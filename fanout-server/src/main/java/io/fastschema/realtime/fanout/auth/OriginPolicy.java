package io.fastschema.realtime.fanout.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which pages may connect with the {@code token} cookie ({@code REALTIME_ALLOWED_ORIGINS}).
 *
 * <p>A browser sends a site's cookies with a WebSocket handshake whatever page opens it, and the
 * same-origin policy does not apply to WebSockets, so without this check any web page a signed-in
 * user visits could subscribe as that user (cross-site WebSocket hijacking). Headers and the
 * subprotocol token need the page to hold the token, so they are not checked. FastSchema has no
 * CORS setting to reuse: its REST resolver answers {@code Access-Control-Allow-Origin: *} always
 * and its upgrader checks no origin.
 *
 * <p>Allowed: a handshake without {@code Origin} (not a browser), an {@code Origin} whose host and
 * port are the request's {@code Host} (same origin, whatever TLS terminates in front), and the
 * listed origins; {@code *} allows every origin (FastSchema's behaviour). Immutable.
 */
public final class OriginPolicy {

  /** Only same-origin pages may use the cookie. */
  public static final OriginPolicy SAME_ORIGIN = new OriginPolicy(false, Set.of());

  private final boolean any;

  /** Listed origins, lower case, without a trailing slash. */
  private final Set<String> allowed;

  private OriginPolicy(boolean any, Set<String> allowed) {
    this.any = any;
    this.allowed = allowed;
  }

  /**
   * Reads a comma-separated list of origins such as {@code https://app.example.com}; blank means
   * same origin only, {@code *} any origin.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code scheme://host[:port]}
   */
  public static OriginPolicy parse(String list) {
    if (list == null || list.isBlank()) {
      return SAME_ORIGIN;
    }
    List<String> out = new ArrayList<>();
    for (String entry : list.split(",")) {
      String origin = normalize(entry);
      if (origin.equals("*")) {
        return new OriginPolicy(true, Set.of());
      }
      int scheme = origin.indexOf("://");
      if (scheme <= 0 || origin.length() == scheme + 3 || origin.indexOf('/', scheme + 3) >= 0) {
        throw new IllegalArgumentException(
            "'" + entry.strip() + "' is not an origin (scheme://host[:port], or *)");
      }
      out.add(origin);
    }
    return new OriginPolicy(false, Set.copyOf(out));
  }

  /**
   * Whether a handshake that authenticates with the cookie may proceed.
   *
   * @param origin the {@code Origin} header, or null
   * @param host the {@code Host} header (authority of the request), or null
   */
  public boolean allowsCookie(String origin, String host) {
    if (origin == null || any) {
      return true;
    }
    String o = normalize(origin);
    if (allowed.contains(o)) {
      return true;
    }
    int scheme = o.indexOf("://");
    return host != null && scheme > 0 && o.substring(scheme + 3).equals(normalize(host));
  }

  private static String normalize(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }
}
