package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the whole PostgreSQL server has executed so far, from {@code pg_stat_database} summed over
 * every database: committed and rolled-back transactions (every auto-commit statement is one) and
 * rows returned by scans. The difference of two samples is the work anyone (writers, ingest, a
 * server under test) asked of the database in between. Backends publish their counters at the end
 * of a transaction at most once a second and when they exit, so a sample is exact only for
 * connections that closed before it.
 *
 * <p>Immutable.
 */
record DatabaseActivity(long transactions, long tuplesReturned) {

  static DatabaseActivity sample(DatabaseCoordinates db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT sum(xact_commit + xact_rollback)::bigint, sum(tup_returned)::bigint"
                    + " FROM pg_stat_database")) {
      r.next();
      return new DatabaseActivity(r.getLong(1), r.getLong(2));
    }
  }

  DatabaseActivity minus(DatabaseActivity earlier) {
    return new DatabaseActivity(
        transactions - earlier.transactions, tuplesReturned - earlier.tuplesReturned);
  }
}
