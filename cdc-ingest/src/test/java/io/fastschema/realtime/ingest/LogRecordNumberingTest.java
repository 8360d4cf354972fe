package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes that share a log position (COPY pages, primary-key updates) must get distinct ids. */
class LogRecordNumberingTest {

  private final LogRecordNumbering numbering = new LogRecordNumbering();

  private static ChangeDraft change(String tx, long lsn, long order, Operation op) {
    var row = RowImage.of(JsonNodeFactory.instance.objectNode().put("id", order));
    return new ChangeDraft(
        "blog",
        "blogs",
        op,
        row,
        op == Operation.DELETE ? row : null,
        op == Operation.DELETE ? null : row,
        tx,
        order,
        new SourcePosition(lsn, 500, 0, 0),
        LogRecordNumbering.UNNUMBERED);
  }

  private String id(ChangeDraft d) {
    return numbering.number(d).complete(d.order(), true, false).id();
  }

  @Test
  void aCopyPageOfFiveRowsGetsFiveIncreasingIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(id(change("7", 4000, i, Operation.CREATE)));
    }
    assertEquals(5, new HashSet<>(ids).size(), ids.toString());
    for (int i = 1; i < ids.size(); i++) {
      assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.toString());
    }
    assertEquals(RecordEvent.idOf(500, 4000, 4), ids.get(4));
  }

  @Test
  void aPrimaryKeyUpdateIsADeleteAndACreateWithDistinctIds() {
    String delete = id(change("8", 4100, 1, Operation.DELETE));
    String create = id(change("8", 4100, 2, Operation.CREATE));
    assertTrue(delete.compareTo(create) < 0, delete + " / " + create);
  }

  @Test
  void theNextLogRecordStartsAtZeroAgain() {
    id(change("9", 4200, 1, Operation.CREATE));
    id(change("9", 4200, 2, Operation.CREATE));
    assertEquals(RecordEvent.idOf(500, 4300, 0), id(change("9", 4300, 3, Operation.UPDATE)));
  }

  @Test
  void aReplayFromTheRecordsFirstChangeRepeatsTheSameIds() {
    List<String> first = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      first.add(id(change("10", 4400, i, Operation.CREATE)));
    }
    LogRecordNumbering afterRestart = new LogRecordNumbering();
    List<String> replayed = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ChangeDraft d = change("10", 4400, i, Operation.CREATE);
      replayed.add(afterRestart.number(d).complete(i, true, false).id());
    }
    assertEquals(first, replayed);
  }

  @Test
  void sameRecordAsLastComparesTransactionAndPosition() {
    numbering.number(change("11", 4500, 1, Operation.CREATE));
    assertTrue(numbering.sameRecordAsLast(change("11", 4500, 2, Operation.CREATE)));
    assertFalse(numbering.sameRecordAsLast(change("11", 4600, 2, Operation.CREATE)));
    assertFalse(numbering.sameRecordAsLast(change("12", 4500, 1, Operation.CREATE)));
  }

  @Test
  void aBinlogRowKeepsItsIndexInTheRowsEventAlsoWhenAResumeSkippedTheFirstRows() {
    // Debezium resumes inside a rows event by skipping rows: the first change it delivers is row 2.
    ChangeDraft third = change("0-1-7", 4700, 3, Operation.UPDATE).withIndexInRecord(2);
    assertEquals(RecordEvent.idOf(500, 4700, 2), id(third));
    ChangeDraft fourth = change("0-1-7", 4700, 4, Operation.UPDATE).withIndexInRecord(3);
    assertEquals(RecordEvent.idOf(500, 4700, 3), id(fourth));
  }
}
