package io.fastschema.realtime.fanout.access;

import io.fastschema.realtime.fanout.auth.AuthenticatedUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles, permissions and role memberships at one moment, and FastSchema's decision procedure over
 * them (spec 3.3). Immutable and thread-safe; replaced as a whole when anything changes.
 *
 * @param roles by id, in a stable order
 * @param memberships user id → ids of the roles the user holds now ({@code roles_users})
 */
public record AccessSnapshot(Map<String, Role> roles, Map<String, Set<String>> memberships) {

  public static final String GUEST_ROLE = "Guest";
  public static final AccessSnapshot EMPTY = new AccessSnapshot(Map.of(), Map.of());

  /**
   * Decides whether {@code user} (null for a guest) may use {@code resource}.
   *
   * <p>A user's roles are the token's {@code role_ids} that the user still holds: stricter than
   * FastSchema, which trusts the token until it expires. A guest has the role named {@code Guest}
   * (FastSchema v0.10 looks it up by a zero uuid and so never finds it). A role with an expr-lang
   * {@code rule}, and a permission whose value is an expression, never allow: no expr-lang
   * interpreter here; {@link AccessState} warns about each one.
   */
  public AccessDecision decide(AuthenticatedUser user, String resource) {
    List<Role> effective = rolesOf(user);
    for (Role r : effective) {
      if (r.root()) {
        return AccessDecision.ALLOWED;
      }
    }
    if (user != null && !user.active()) {
      return AccessDecision.INACTIVE;
    }
    for (Role r : effective) {
      if (!r.rule().isEmpty()) {
        continue;
      }
      Permission p = r.firstCovering(resource);
      if (p != null && p.value().equals("allow")) {
        return AccessDecision.ALLOWED;
      }
    }
    return user == null ? AccessDecision.UNAUTHORIZED : AccessDecision.FORBIDDEN;
  }

  private List<Role> rolesOf(AuthenticatedUser user) {
    List<Role> out = new ArrayList<>();
    if (user == null) {
      for (Role r : roles.values()) {
        if (r.name().equals(GUEST_ROLE)) {
          out.add(r);
        }
      }
      return out;
    }
    Set<String> held = memberships.getOrDefault(user.id(), Set.of());
    for (String id : user.roleIds()) {
      Role r = roles.get(id);
      if (r != null && held.contains(id)) {
        out.add(r);
      }
    }
    return out;
  }
}
