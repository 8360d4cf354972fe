package io.fastschema.realtime.faultdrill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * kill -9 the streaming ingest while rows change their primary key ({@code ingest-kill-rekey}). The
 * scenario first inserts {@code rows} rows in one transaction and waits until every client has
 * them; then the burst moves each to a new id ({@link RowWriter#rekeying}), one {@code UPDATE} per
 * transaction, and the kill lands in it. A re-key reaches a client as two messages, a delete of the
 * old row and a create of the new one, which ingest numbers as two changes of one log record: a
 * replay that started between them would lose or repeat one. A re-key counts as delivered to a
 * client when both arrived; every extra copy of either is a duplicate.
 */
final class IngestKillRekeyScenario extends IngestKillScenario {

  private static final String REKEYED = RowWriter.rekeyedTitle("");

  IngestKillRekeyScenario(int rows, int rate, int faultAfterRows) {
    super("ingest-kill-rekey", rows, rate, faultAfterRows);
  }

  @Override
  void prepare(DrillStack stack, Clients clients, String prefix) {
    try (Connection c = stack.appDb().connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO blogs (title) SELECT ? || g FROM generate_series(0, ? - 1) g")) {
      insert.setString(1, prefix);
      insert.setInt(2, rows);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not insert the rows to re-key", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (clients.subscribers.stream().anyMatch(s -> !hasAllInserted(s, prefix))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the rows to re-key did not reach every client in 120 s");
      }
      Sleep.millis(100);
    }
  }

  private boolean hasAllInserted(Subscriber s, String prefix) {
    for (int k = 0; k < rows; k++) {
      if (s.count(prefix + k) == 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  RowWriter newWriter(DrillStack stack, String prefix) {
    return RowWriter.rekeying(stack.appDb(), prefix, rows, ratePerSecond);
  }

  /** The re-keys that committed: rows under their new title. */
  @Override
  Set<String> committed(DrillStack stack, String prefix) {
    return stack.committedTitles(prefix).stream()
        .filter(t -> t.endsWith(REKEYED))
        .collect(Collectors.toSet());
  }

  /** The create of the new row, the delete of the old one. */
  @Override
  List<Integer> arrivals(Subscriber s, String rekeyedTitle) {
    return List.of(
        s.count(rekeyedTitle), s.count(Subscriber.deletedKey(originalTitle(rekeyedTitle))));
  }

  /** The inserted rows' creates, and deletes and creates of committed re-keys. */
  @Override
  boolean expected(String receivedKey, Set<String> committed) {
    String deleted = Subscriber.deletedKey("");
    if (receivedKey.startsWith(deleted)) {
      return committed.contains(RowWriter.rekeyedTitle(receivedKey.substring(deleted.length())));
    }
    return !receivedKey.endsWith(REKEYED) || committed.contains(receivedKey);
  }

  /** Every inserted row's create and every re-key's create carry a title. */
  @Override
  int expectedRowsInKafka(Set<String> committed) {
    return rows + committed.size();
  }

  private static String originalTitle(String rekeyedTitle) {
    return rekeyedTitle.substring(0, rekeyedTitle.length() - REKEYED.length());
  }
}
