package io.fastschema.realtime.fanout.auth;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads FastSchema's {@code user} claim (its {@code fs.User} as JSON) into an {@link
 * AuthenticatedUser}.
 *
 * <p>Follows Go's JSON decoding of {@code fs.User}, which FastSchema uses: a member of the wrong
 * JSON type refuses the whole token, JSON {@code null} is the zero value. Members this broker does
 * not use are not inspected. One departure, on purpose: a {@code user} without a real id is
 * refused, where FastSchema would go on with a nil or zero-id user.
 *
 * <p>Stateless and thread-safe.
 */
final class UserClaim {

  private UserClaim() {}

  /**
   * @param claim the {@code user} claim as parsed from JSON, possibly {@code null}
   * @param expiresAt the token's verified {@code exp}
   */
  static AuthenticatedUser read(Object claim, Instant expiresAt) throws AuthenticationException {
    if (claim == null) {
      throw noUser();
    }
    if (!(claim instanceof Map<?, ?> user)) {
      throw badClaim("user", "a JSON object");
    }
    String id = IdClaim.parse(user.get("id"), "user.id").orElseThrow(UserClaim::noUser);
    boolean active = bool(user.get("active"), "user.active");
    List<String> roleIds = roleIds(user.get("role_ids"));
    // Checked as FastSchema decodes them, not kept (AuthenticatedUser).
    checkString(user.get("username"), "user.username");
    checkString(user.get("email"), "user.email");
    return new AuthenticatedUser(id, active, roleIds, expiresAt);
  }

  /** Zero ids are dropped: no role has one, so they could only ever match nothing. */
  private static List<String> roleIds(Object raw) throws AuthenticationException {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> elements)) {
      throw badClaim("user.role_ids", "a JSON array");
    }
    List<String> ids = new ArrayList<>(elements.size());
    for (Object element : elements) {
      // Interned: a node's connections name a handful of roles, each held once instead of per
      // connection.
      IdClaim.parse(element, "user.role_ids[]").map(String::intern).ifPresent(ids::add);
    }
    return ids;
  }

  private static boolean bool(Object raw, String claimName) throws AuthenticationException {
    if (raw == null) {
      return false;
    }
    if (!(raw instanceof Boolean value)) {
      throw badClaim(claimName, "a boolean");
    }
    return value;
  }

  /** A string or JSON null (Go's zero value), or the token is refused. */
  private static void checkString(Object raw, String claimName) throws AuthenticationException {
    if (raw != null && !(raw instanceof String)) {
      throw badClaim(claimName, "a string");
    }
  }

  private static AuthenticationException noUser() {
    return new AuthenticationException(
        Reason.NO_USER_CLAIM,
        "no 'user' claim with a non-zero id (a refresh token is not an access token)");
  }

  private static AuthenticationException badClaim(String claimName, String expected) {
    return new AuthenticationException(
        Reason.BAD_CLAIMS, "claim '" + claimName + "' is not " + expected);
  }
}
