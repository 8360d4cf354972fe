package io.fastschema.realtime.standalone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Runs SQL statements against a JDBC URL, for machines without psql: {@code java -cp standalone.jar
 * io.fastschema.realtime.standalone.SqlCommand <jdbc-url> <sql>...}.
 */
public final class SqlCommand {

  private SqlCommand() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: SqlCommand <jdbc-url> <sql> [<sql>...]");
      System.exit(2);
    }
    try (Connection c = DriverManager.getConnection(args[0]);
        Statement st = c.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        boolean rows = st.execute(args[i]);
        System.out.println(rows ? "ok (query)" : "ok, " + st.getUpdateCount() + " rows");
      }
    }
  }
}
