package io.fastschema.realtime.fanout.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FastSchema's {@code ROLE_PERMISSION_SETTINGS}: permissions that override the database's, matched
 * by role name: a permission of the same resource gets its value replaced, any other is appended.
 * Format: {@code {"roles":[{"name":"User","permissions":[{"resource":"…","value":"allow"}]}]}}.
 */
public final class PermissionSettings {

  public static final PermissionSettings NONE = new PermissionSettings(Map.of());

  /** Role name → its overriding permissions, in order. */
  private final Map<String, List<Permission>> byRole;

  private PermissionSettings(Map<String, List<Permission>> byRole) {
    this.byRole = Map.copyOf(byRole);
  }

  /** Parses the JSON; throws {@link IllegalArgumentException} saying what is wrong. */
  public static PermissionSettings parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    JsonNode roles = root == null ? null : root.get("roles");
    if (roles == null || !roles.isArray()) {
      throw new IllegalArgumentException(
          "expected {\"roles\":[{\"name\":...,\"permissions\":[...]}]}");
    }
    Map<String, List<Permission>> out = new LinkedHashMap<>();
    for (JsonNode role : roles) {
      String name = role.path("name").asText("");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a role without a name");
      }
      List<Permission> permissions = out.computeIfAbsent(name, n -> new ArrayList<>());
      for (JsonNode p : role.path("permissions")) {
        String resource = p.path("resource").asText("");
        if (resource.isEmpty()) {
          throw new IllegalArgumentException("role " + name + ": a permission without a resource");
        }
        permissions.add(new Permission("settings", resource, p.path("value").asText("")));
      }
    }
    return new PermissionSettings(out);
  }

  /** The role's permissions with the overrides applied. */
  List<Permission> apply(String roleName, List<Permission> fromDatabase) {
    List<Permission> overrides = byRole.get(roleName);
    if (overrides == null) {
      return fromDatabase;
    }
    List<Permission> out = new ArrayList<>(fromDatabase);
    for (Permission o : overrides) {
      boolean replaced = false;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).resource().equals(o.resource())) {
          out.set(i, new Permission(out.get(i).id(), o.resource(), o.value()));
          replaced = true;
        }
      }
      if (!replaced) {
        out.add(o);
      }
    }
    return out;
  }
}
