package io.fastschema.realtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract of the access-control topic {@code <prefix>._security}: a compacted topic holding
 * the current rows of FastSchema's {@code roles}, {@code permissions} and {@code roles_users},
 * keyed by {@code <table>/<primary key>} (for the junction {@code roles_users/<role>/<user>}); a
 * null value (tombstone) removes a row. Ingest writes a snapshot of the three tables at every start
 * and then their changes from the change log; fanout nodes read it from the beginning, so they
 * never query the database.
 *
 * <p>Values keep only the columns access control needs.
 */
public final class SecurityTopic {

  public static final String SUFFIX = "._security";
  public static final String ROLES = "roles";
  public static final String PERMISSIONS = "permissions";
  public static final String ROLES_USERS = "roles_users";

  /** The columns kept per table, in this order. */
  private static final Map<String, List<String>> COLUMNS =
      Map.of(
          ROLES, List.of("id", "name", "root", "rule"),
          PERMISSIONS, List.of("id", "role_id", "resource", "value"),
          ROLES_USERS, List.of("roles", "users"));

  private SecurityTopic() {}

  public static String topic(String prefix) {
    return prefix + SUFFIX;
  }

  public static boolean isSecurityTable(String table) {
    return COLUMNS.containsKey(table);
  }

  public static List<String> columns(String table) {
    return COLUMNS.get(table);
  }

  /** The record key of a row of one of the three tables. */
  public static String keyOf(String table, JsonNode row) {
    if (table.equals(ROLES_USERS)) {
      return table + "/" + row.path("roles").asText() + "/" + row.path("users").asText();
    }
    return table + "/" + row.path("id").asText();
  }

  /** The table named by a record key, if it is one of ours. */
  public static Optional<String> tableOfKey(String key) {
    int slash = key.indexOf('/');
    String table = slash < 0 ? key : key.substring(0, slash);
    return isSecurityTable(table) ? Optional.of(table) : Optional.empty();
  }

  /** The kept columns of a row (a FastSchema-encoded row, or one read by JDBC). */
  public static ObjectNode project(String table, JsonNode row) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String column : COLUMNS.get(table)) {
      JsonNode v = row.get(column);
      if (v != null && !v.isNull()) {
        out.set(column, v);
      }
    }
    return out;
  }
}
