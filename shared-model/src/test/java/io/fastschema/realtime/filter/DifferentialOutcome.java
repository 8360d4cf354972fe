package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A differential test's counts and first mismatches (filter, SQL, the rows only one side matched),
 * reported with the seed.
 */
final class DifferentialOutcome {

  private static final int MAX_REPORTED = 5;

  private final String database;
  private final long seed;
  private final List<String> mismatches = new ArrayList<>();
  private int mismatchCount;
  private int emptyResults;
  private int fullResults;

  DifferentialOutcome(String database, long seed) {
    this.database = database;
    this.seed = seed;
  }

  String context() {
    return "[seed " + seed + "] ";
  }

  void record(
      String json,
      EntSqlTranslator.Sql sql,
      Set<String> expected,
      Set<String> actual,
      Map<String, ObjectNode> rows,
      int rowCount) {
    if (expected.isEmpty()) {
      emptyResults++;
    } else if (expected.size() == rowCount) {
      fullResults++;
    }
    if (expected.equals(actual)) {
      return;
    }
    mismatchCount++;
    if (mismatches.size() < MAX_REPORTED) {
      StringBuilder text =
          new StringBuilder()
              .append("filter ")
              .append(json)
              .append("\n  sql    ")
              .append(sql.where())
              .append("\n  params ")
              .append(sql.params());
      for (String id : expected) {
        if (!actual.contains(id)) {
          text.append("\n  only " + database + " matches ").append(rows.get(id));
        }
      }
      for (String id : actual) {
        if (!expected.contains(id)) {
          text.append("\n  only in memory matches  ").append(rows.get(id));
        }
      }
      mismatches.add(text.toString());
    }
  }

  void report(int cases, int rowCount, long millis) {
    System.out.printf(
        "%s: seed=%d, %d filters x %d rows in %d ms;"
            + " %d matched no row, %d matched all rows, %d disagreed%n",
        database, seed, cases, rowCount, millis, emptyResults, fullResults, mismatchCount);
    assertTrue(
        mismatches.isEmpty(),
        context()
            + mismatchCount
            + " of "
            + cases
            + " filters disagree with "
            + database
            + " (rerun with -Dfilter.seed="
            + seed
            + "):\n"
            + String.join("\n", mismatches));
  }
}
