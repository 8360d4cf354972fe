package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.config.DatabaseConfig;
import io.fastschema.realtime.testing.MariaDb;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The start-up checks of DB_DRIVER=mysql against a real MariaDB. */
@ExtendWith(SharedServicesExtension.class)
class BinlogServerTest {

  @Test
  void theSharedServerIsDetectedAsMariaDbAndHasNoProblem(@MariaDb SharedServices s)
      throws Exception {
    DatabaseConfig db = appDb(s, s.appDb().user(), s.appDb().password());
    BinlogServer server = BinlogServer.detect(db);
    assertTrue(server.mariaDb(), server.version());
    assertEquals("io.debezium.connector.mariadb.MariaDbConnector", server.connectorClass());
    assertEquals(List.of(), server.problems(db));
  }

  @Test
  void everyProblemIsReportedAtOnceWithTheStatementThatFixesIt(@MariaDb SharedServices s)
      throws Exception {
    try (Connection admin = s.superuser().connect();
        Statement st = admin.createStatement()) {
      st.execute("CREATE USER IF NOT EXISTS 'no_binlog'@'%' IDENTIFIED BY 'pw'");
      st.execute("GRANT ALL PRIVILEGES ON `fastschema`.* TO 'no_binlog'@'%'");
      st.execute("GRANT SELECT ON *.* TO 'no_binlog'@'%'");
      st.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
      st.execute("SET GLOBAL binlog_expire_logs_seconds = 3600");
      try {
        DatabaseConfig db = appDb(s, "no_binlog", "pw");
        List<String> problems = BinlogServer.detect(db).problems(db);
        assertEquals(3, problems.size(), problems.toString());
        String all = String.join("\n", problems);
        assertTrue(all.contains("SET GLOBAL binlog_row_image = 'FULL';"), all);
        assertTrue(all.contains("SET GLOBAL binlog_expire_logs_seconds = 86400;"), all);
        assertTrue(
            all.contains(
                "GRANT RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO"
                    + " 'no_binlog'@'%';"),
            all);
      } finally {
        st.execute("SET GLOBAL binlog_row_image = 'FULL'");
        st.execute("SET GLOBAL binlog_expire_logs_seconds = 0");
      }
    }
  }

  private static DatabaseConfig appDb(SharedServices s, String user, String password) {
    var db = s.appDb();
    return new DatabaseConfig(
        db.host(), db.port(), db.database(), user, password, DatabaseConfig.MYSQL);
  }
}
