package io.fastschema.realtime.fanout.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The user an access token speaks for, read from the token's {@code user} claim.
 *
 * <p>Ids are strings so that one type covers both FastSchema generations: v0.10 UUIDs, in canonical
 * lower-case form, and v0.9 unsigned integers, in decimal. The claims are a snapshot taken at
 * login: {@code roleIds} may name roles the user has lost since, which is why authorization
 * intersects them with {@code roles_users} rather than trusting them alone.
 *
 * <p>The claim's {@code username} and {@code email} are checked (a wrong JSON type refuses the
 * token, as in FastSchema) but not kept: nothing here reads them, and one is held per connection
 * (issue 14 item 4).
 *
 * <p>Immutable.
 *
 * @param id the user's id; never the zero id, a token without a real one is refused
 * @param active {@code false} when the claim omits it, because FastSchema omits {@code false}
 * @param roleIds role ids in token order, zero ids dropped; possibly empty
 * @param expiresAt the token's {@code exp}: an open connection must not outlive it
 */
public record AuthenticatedUser(
    String id, boolean active, List<String> roleIds, Instant expiresAt) {

  public AuthenticatedUser {
    Objects.requireNonNull(id, "id");
    roleIds = List.copyOf(roleIds);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
