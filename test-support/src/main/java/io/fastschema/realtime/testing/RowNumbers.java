package io.fastschema.realtime.testing;

import io.fastschema.realtime.embedded.DatabaseKind;

/**
 * A derived table of the numbers 1..n in column {@code seq}, for tests that write many rows with
 * one statement ({@code INSERT ... SELECT ... FROM <table>}): PostgreSQL's generate_series; on
 * MySQL and MariaDB a recursive CTE, which both have (unlike MariaDB's {@code seq_1_to_N}), kept
 * within MySQL's default {@code cte_max_recursion_depth} of 1,000.
 */
public final class RowNumbers {

  /** The most rows one table gives. */
  public static final int MAX = 1000;

  private RowNumbers() {}

  public static String table(DatabaseKind kind, int n) {
    if (n < 1 || n > MAX) {
      throw new IllegalArgumentException("1.." + MAX + " rows, asked for " + n);
    }
    return kind == DatabaseKind.MARIADB
        ? "(WITH RECURSIVE numbers (seq) AS (SELECT 1 UNION ALL SELECT seq + 1 FROM numbers"
            + " WHERE seq < "
            + n
            + ") SELECT seq FROM numbers) AS numbers"
        : "generate_series(1, " + n + ") AS numbers (seq)";
  }
}
