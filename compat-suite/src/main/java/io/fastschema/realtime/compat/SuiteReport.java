package io.fastschema.realtime.compat;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param passed cases that passed (known gaps that no longer reproduce included)
 * @param failed cases that failed
 * @param skipped known gaps that still reproduce
 * @param failedIds ids of the failed cases, in run order
 */
public record SuiteReport(int passed, int failed, int skipped, List<String> failedIds) {

  public SuiteReport {
    failedIds = List.copyOf(failedIds);
  }

  /** The last line the runner prints: {@code N passed, M failed[, K skipped]}. */
  public String summary() {
    return passed
        + " passed, "
        + failed
        + " failed"
        + (skipped > 0 ? ", " + skipped + " skipped" : "");
  }
}
