package io.fastschema.realtime.faultdrill;

import java.util.List;

/**
 * The outcome of one scenario. Counts are exact: every row is checked by its title.
 *
 * @param key short name ({@code ingest-kill}, ...)
 * @param fault what was done, in words
 * @param status {@code PASSED} (nothing lost, nothing twice), {@code FAILED} or {@code SKIPPED}
 * @param note why skipped or failed, or what else was seen; empty when nothing
 * @param clients subscribed WebSocket clients; each should get every committed row once
 * @param written rows committed, as read back from the database
 * @param acknowledged rows whose commit the writer saw acknowledged (≤ written)
 * @param failedWrites write attempts that failed (database down); retried with new rows
 * @param delivered (client, row) pairs received at least once
 * @param duplicates copies received beyond the first, over all clients and rows
 * @param lost (client, row) pairs committed but never received
 * @param unexpected rows received that are not in the database
 * @param recoveryMs fault → first arrival (slowest client) of a row committed after the victim was
 *     confirmed dead
 * @param componentBackMs fault → the failed part back: the standby streaming, the broker or the
 *     database accepting connections again, the clients reconnected
 * @param behindAtFault rows committed before the victim was dead that had not reached the (slowest)
 *     client yet: the backlog the recovered path had to deliver before any newer row
 * @param kafkaRecords records of the scenario's rows in the schema topic
 * @param kafkaReplays of those, repeats of an event id (replayed after the fault)
 * @param closes connection ends the clients saw (code and reason)
 */
record ScenarioResult(
    String key,
    String fault,
    String status,
    String note,
    int clients,
    int written,
    int acknowledged,
    int failedWrites,
    long delivered,
    long duplicates,
    long lost,
    long unexpected,
    long recoveryMs,
    long componentBackMs,
    long behindAtFault,
    int kafkaRecords,
    int kafkaReplays,
    List<String> closes) {

  static ScenarioResult skipped(String key, String fault, String why) {
    return new ScenarioResult(
        key, fault, "SKIPPED", why, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, List.of());
  }

  boolean failed() {
    return "FAILED".equals(status);
  }
}
