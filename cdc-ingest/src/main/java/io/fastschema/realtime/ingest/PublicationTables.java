package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds newly captured tables to ingest's PostgreSQL publication. pgoutput decides publication
 * membership at decoding time, so a table's changes are streamed only from the moment it is a
 * member: ingest adds it between stopping the old engine and starting the new one, rather than
 * leaving it to the new engine's start. The table's owner (FastSchema's role) may do this; no
 * superuser is needed.
 */
final class PublicationTables {

  private static final Logger LOG = LoggerFactory.getLogger(PublicationTables.class);

  private PublicationTables() {}

  /** Adds those of {@code tables} that are not members yet; nothing when the publication is new. */
  static void addMissing(DatabaseConfig db, String publication, Set<String> tables)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      Set<String> members = new TreeSet<>();
      boolean exists = false;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT t.tablename FROM pg_publication p LEFT JOIN pg_publication_tables t "
                  + "ON t.pubname = p.pubname AND t.schemaname = 'public' WHERE p.pubname = ?")) {
        ps.setString(1, publication);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            exists = true;
            if (rs.getString(1) != null) {
              members.add(rs.getString(1));
            }
          }
        }
      }
      if (!exists) {
        return; // Debezium creates it with every captured table
      }
      for (String table : tables) {
        if (!members.contains(table)) {
          String sql =
              "ALTER PUBLICATION \""
                  + publication.replace("\"", "\"\"")
                  + "\" ADD TABLE "
                  + CapturedTables.quote(table);
          try (Statement st = c.createStatement()) {
            st.execute(sql);
          }
          LOG.info("Ran: {}", sql);
        }
      }
    }
  }
}
