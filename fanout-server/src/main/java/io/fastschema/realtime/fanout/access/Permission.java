package io.fastschema.realtime.fanout.access;

/**
 * One permission of a role.
 *
 * @param value {@code allow}, {@code deny}, empty (deny) or an expr-lang expression
 */
public record Permission(String id, String resource, String value) {

  /** Whether this permission's resource covers {@code resource}, by FastSchema's rule. */
  public boolean covers(String requested) {
    if (resource.equals(requested)) {
      return true;
    }
    // A plain string prefix, no dot boundary: "...content.blog.*" covers "...content.blogpost.x".
    return resource.endsWith(".*")
        && requested.startsWith(resource.substring(0, resource.length() - 2));
  }

  public boolean isExpression() {
    return !value.isEmpty() && !value.equals("allow") && !value.equals("deny");
  }
}
