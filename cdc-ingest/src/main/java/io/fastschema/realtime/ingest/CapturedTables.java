package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.security.SecurityTopic;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content tables ingest captures, checked against the live database at start: tables of
 * FastSchema schemas that exist in the {@code public} schema, with their replica identity. Tables
 * without {@code REPLICA IDENTITY FULL} lose their before-images (updates carry none, deletes only
 * the key), so each is named with the exact statement that fixes it, and the statement is run when
 * configured.
 */
final class CapturedTables {

  private static final Logger LOG = LoggerFactory.getLogger(CapturedTables.class);

  /** Table name → whether its before-images are complete. Insertion order = catalog order. */
  private final Map<String, Boolean> fullIdentity;

  private CapturedTables(Map<String, Boolean> fullIdentity) {
    this.fullIdentity = Map.copyOf(fullIdentity);
  }

  static CapturedTables inspect(SchemaCatalog catalog, DatabaseConfig db, boolean setFull)
      throws SQLException {
    if (db.isMySql()) {
      return inspectBinlog(catalog, db);
    }
    Map<String, Boolean> found = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      Map<String, Character> identity = replicaIdentities(c);
      List<String> missing = new ArrayList<>();
      for (Schema s : catalog.schemas()) {
        if (catalog.isJunctionTable(s.table())) {
          continue;
        }
        Character id = identity.get(s.table());
        if (id == null) {
          missing.add(s.name() + " (table " + s.table() + ")");
          continue;
        }
        boolean full = id == 'f';
        if (!full && setFull) {
          setFull(c, s.table());
          full = true;
        } else if (!full) {
          LOG.warn(
              "Table {} has REPLICA IDENTITY {}: its updates will carry no before-image and "
                  + "its deletes only the primary key, so delete events cannot honour filter/select. "
                  + "Fix: ALTER TABLE {} REPLICA IDENTITY FULL; (or set "
                  + "INGEST_SET_REPLICA_IDENTITY_FULL=true)",
              s.table(),
              describe(id),
              quote(s.table()));
        }
        found.put(s.table(), full);
      }
      if (!identity.containsKey(SecurityTopic.ROLES_USERS)) {
        LOG.warn("No roles_users table: role memberships cannot be checked live");
      }
      for (String junction : junctionTables(catalog)) {
        Character id = identity.get(junction);
        if (id == null) {
          continue;
        }
        // A junction has no primary key: once published, PostgreSQL refuses its UPDATEs and
        // DELETEs unless it has a replica identity, which would break FastSchema's own edits
        // (roles_users: role memberships). FULL is always set on junctions, whatever
        // INGEST_SET_REPLICA_IDENTITY_FULL says; it is also what makes their deletes whole.
        if (id != 'f') {
          setFull(c, junction);
        }
        found.put(junction, true);
      }
      if (!missing.isEmpty()) {
        LOG.warn(
            "Schemas without a table in database {} are not captured (FastSchema creates "
                + "tables on its next start): {}",
            db.database(),
            missing);
      }
    }
    return new CapturedTables(found);
  }

  /**
   * MySQL/MariaDB: the tables of FastSchema schemas in the database. Row images are a server
   * setting there ({@code binlog_row_image=FULL}, checked by {@link BinlogServer}), so every
   * captured table has complete before-images.
   */
  private static CapturedTables inspectBinlog(SchemaCatalog catalog, DatabaseConfig db)
      throws SQLException {
    Set<String> existing = existingTables(db);
    Map<String, Boolean> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Schema s : catalog.schemas()) {
      if (catalog.isJunctionTable(s.table())) {
        continue;
      }
      if (existing.contains(s.table())) {
        found.put(s.table(), true);
      } else {
        missing.add(s.name() + " (table " + s.table() + ")");
      }
    }
    for (String junction : junctionTables(catalog)) {
      if (existing.contains(junction)) {
        found.put(junction, true);
      }
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "Schemas without a table in database {} are not captured: {}", db.database(), missing);
    }
    return new CapturedTables(found);
  }

  /**
   * The tables {@link #inspect} would capture now, found with one cheap query and without checking
   * or changing replica identities: what the schema watch compares with the captured tables.
   */
  static Set<String> wouldCapture(SchemaCatalog catalog, DatabaseConfig db) throws SQLException {
    Set<String> existing = existingTables(db);
    Set<String> out = new TreeSet<>();
    for (Schema s : catalog.schemas()) {
      if (!catalog.isJunctionTable(s.table()) && existing.contains(s.table())) {
        out.add(s.table());
      }
    }
    for (String junction : junctionTables(catalog)) {
      if (existing.contains(junction)) {
        out.add(junction);
      }
    }
    return out;
  }

  /**
   * Junction tables are captured for the relation state topics (m2m relations); roles_users is
   * always one (also the security topic's memberships), even in a catalog that lacks user.roles.
   */
  private static Set<String> junctionTables(SchemaCatalog catalog) {
    Set<String> junctions = new TreeSet<>();
    junctions.add(SecurityTopic.ROLES_USERS);
    catalog.junctionTables().forEach(j -> junctions.add(j.table()));
    return junctions;
  }

  /** The base tables of FastSchema's database (PostgreSQL: schema public). */
  private static Set<String> existingTables(DatabaseConfig db) throws SQLException {
    String sql =
        db.isMySql()
            ? "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
            : "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')";
    Set<String> existing = new TreeSet<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        existing.add(rs.getString(1));
      }
    }
    return existing;
  }

  private static Map<String, Character> replicaIdentities(Connection c) throws SQLException {
    String sql =
        "SELECT c.relname, c.relreplident FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')";
    Map<String, Character> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2).charAt(0));
      }
    }
    return out;
  }

  private static void setFull(Connection c, String table) throws SQLException {
    String sql = "ALTER TABLE " + quote(table) + " REPLICA IDENTITY FULL";
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
    LOG.info("Ran: {}", sql);
  }

  private static String describe(char id) {
    return switch (id) {
      case 'd' -> "DEFAULT";
      case 'n' -> "NOTHING";
      case 'i' -> "USING INDEX";
      default -> String.valueOf(id);
    };
  }

  static String quote(String identifier) {
    return "public.\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** The tables to capture, sorted. */
  Set<String> tables() {
    return new TreeSet<>(fullIdentity.keySet());
  }

  /** The tables with complete before-images. */
  Set<String> fullIdentityTables() {
    Set<String> out = new TreeSet<>();
    fullIdentity.forEach(
        (t, full) -> {
          if (full) {
            out.add(t);
          }
        });
    return out;
  }
}
