package io.fastschema.realtime.fanout.access;

import java.util.List;

/**
 * A FastSchema role with its permissions in FastSchema's order (the first matching one decides).
 *
 * @param rule the role's expr-lang rule, empty when none
 */
public record Role(
    String id, String name, boolean root, String rule, List<Permission> permissions) {

  public Role {
    permissions = List.copyOf(permissions);
  }

  /** The first permission covering the resource, or null. */
  public Permission firstCovering(String resource) {
    for (Permission p : permissions) {
      if (p.covers(resource)) {
        return p;
      }
    }
    return null;
  }
}
