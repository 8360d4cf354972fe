package io.fastschema.realtime.fanout.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.security.SecurityTopic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds {@link AccessSnapshot}s from the security topic's rows. Rows are applied one by one;
 * {@link #publish()} turns them into a new snapshot once per batch, so a burst of role edits costs
 * one rebuild.
 *
 * <p>Thread-safety: {@link #apply} and {@link #publish} are called by the Kafka consumer thread
 * only; {@link #current()} from any thread (volatile snapshot).
 */
public final class AccessState {

  private static final Logger LOG = LoggerFactory.getLogger(AccessState.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PermissionSettings settings;

  /** Current rows by security-topic key; consumer thread only. */
  private final Map<String, JsonNode> rows = new HashMap<>();

  /** What was already warned about (expressions, rules), so each is said once. */
  private final Set<String> warned = new HashSet<>();

  private boolean dirty;
  private volatile AccessSnapshot current = AccessSnapshot.EMPTY;

  public AccessState(PermissionSettings settings) {
    this.settings = settings;
  }

  public AccessSnapshot current() {
    return current;
  }

  /** Applies one record of the security topic; a null value removes the row. */
  public void apply(String key, byte[] value) {
    if (SecurityTopic.tableOfKey(key).isEmpty()) {
      LOG.warn("Ignoring unknown security record key {}", key);
      return;
    }
    if (value == null) {
      dirty |= rows.remove(key) != null;
      return;
    }
    try {
      rows.put(key, JSON.readTree(value));
      dirty = true;
    } catch (IOException e) {
      LOG.warn("Ignoring malformed security record {}: {}", key, e.getMessage());
    }
  }

  /** Builds a new snapshot if anything changed; returns whether it did. */
  public boolean publish() {
    if (!dirty) {
      return false;
    }
    dirty = false;
    current = build();
    return true;
  }

  private AccessSnapshot build() {
    Map<String, JsonNode> roleRows = new TreeMap<>();
    Map<String, List<JsonNode>> permissionRows = new HashMap<>();
    Map<String, Set<String>> memberships = new HashMap<>();
    for (var e : rows.entrySet()) {
      String table = SecurityTopic.tableOfKey(e.getKey()).orElseThrow();
      JsonNode row = e.getValue();
      switch (table) {
        case SecurityTopic.ROLES -> roleRows.put(row.path("id").asText(), row);
        case SecurityTopic.PERMISSIONS ->
            permissionRows
                .computeIfAbsent(row.path("role_id").asText(), k -> new ArrayList<>())
                .add(row);
        default ->
            memberships
                .computeIfAbsent(row.path("users").asText(), k -> new HashSet<>())
                .add(row.path("roles").asText());
      }
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    for (JsonNode r : roleRows.values()) {
      String id = r.path("id").asText();
      String name = r.path("name").asText();
      List<JsonNode> ps = permissionRows.getOrDefault(id, List.of());
      // FastSchema keeps permissions in load order; ids (UUIDv7, or v0.9 sequence) follow it.
      List<Permission> permissions = new ArrayList<>();
      ps.stream()
          .sorted(
              Comparator.comparing((JsonNode p) -> p.path("id").asText().length())
                  .thenComparing(p -> p.path("id").asText()))
          .forEach(
              p ->
                  permissions.add(
                      new Permission(
                          p.path("id").asText(),
                          p.path("resource").asText(),
                          p.path("value").asText(""))));
      Role role =
          new Role(
              id,
              name,
              r.path("root").asBoolean(false),
              r.path("rule").asText(""),
              settings.apply(name, permissions));
      warnAboutExpressions(role);
      roles.put(id, role);
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    memberships.forEach((user, held) -> frozen.put(user, Set.copyOf(held)));
    return new AccessSnapshot(Map.copyOf(roles), Map.copyOf(frozen));
  }

  private void warnAboutExpressions(Role role) {
    if (!role.rule().isEmpty() && warned.add("rule/" + role.id() + "/" + role.rule())) {
      LOG.warn(
          "Role {} has an expr-lang rule ({}); rules cannot be evaluated here, so the role "
              + "allows nothing over realtime",
          role.name(),
          role.rule());
    }
    for (Permission p : role.permissions()) {
      if (p.isExpression()
          && warned.add("perm/" + role.id() + "/" + p.resource() + "/" + p.value())) {
        LOG.warn(
            "Permission {} of role {} is an expression ({}); expressions cannot be evaluated "
                + "here, so it denies",
            p.resource(),
            role.name(),
            p.value());
      }
    }
  }
}
