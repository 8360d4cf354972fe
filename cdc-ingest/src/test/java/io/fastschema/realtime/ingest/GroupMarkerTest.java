package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMarkerTest {

  private static ChangeDraft draft(String tx, String table, Operation op, long order) {
    var row = RowImage.of(JsonNodeFactory.instance.objectNode().put("id", order));
    return new ChangeDraft(
        "s_" + table,
        table,
        op,
        row,
        op == Operation.DELETE ? row : null,
        op == Operation.DELETE ? null : row,
        tx,
        order,
        new SourcePosition(order, 1000, 0, 0),
        0);
  }

  private final GroupMarker marker = new GroupMarker();
  private final List<ContentEvent> out = new ArrayList<>();

  private void offer(ChangeDraft d) {
    ContentEvent e = marker.offer(d);
    if (e != null) {
      out.add(e);
    }
  }

  private void end(String tx) {
    ContentEvent e = marker.endTransaction(tx);
    if (e != null) {
      out.add(e);
    }
  }

  @Test
  void onlyTheTransactionsLastEventIsMarkedLastInTransaction() {
    offer(draft("7", "blogs", Operation.CREATE, 1));
    offer(draft("7", "categories", Operation.CREATE, 2));
    offer(draft("7", "blogs", Operation.UPDATE, 3));
    end("7");
    offer(draft("8", "blogs", Operation.DELETE, 1));
    end("8");
    assertEquals(
        List.of(false, false, true, true),
        out.stream().map(e -> e.txn().lastInTransaction()).toList());
    assertEquals(
        List.of(true, true, true, true), out.stream().map(e -> e.txn().lastInGroup()).toList());
  }

  @Test
  void aBulkUpdateIsOneGroupMarkedAtItsLastRow() {
    for (int i = 1; i <= 50; i++) {
      offer(draft("7", "blogs", Operation.UPDATE, i));
    }
    assertEquals(49, out.size(), "the last row waits for the end of the transaction");
    end("7");
    assertEquals(50, out.size());
    for (int i = 0; i < 49; i++) {
      assertFalse(out.get(i).txn().lastInGroup());
      assertEquals(1, out.get(i).txn().groupStart());
    }
    assertTrue(out.get(49).txn().lastInGroup());
    assertEquals(50, out.get(49).txn().groupSize());
  }

  @Test
  void tableOrOperationChangesStartANewGroup() {
    offer(draft("8", "blogs", Operation.UPDATE, 1));
    offer(draft("8", "blogs", Operation.UPDATE, 2));
    offer(draft("8", "categories", Operation.UPDATE, 3));
    offer(draft("8", "categories", Operation.DELETE, 4));
    end("8");
    assertEquals(
        List.of(false, true, true, true), out.stream().map(e -> e.txn().lastInGroup()).toList());
    assertEquals(List.of(1L, 1L, 3L, 4L), out.stream().map(e -> e.txn().groupStart()).toList());
  }

  @Test
  void aGapInOrderStartsANewGroup() {
    // A change of an uncaptured table between two updates breaks the run.
    offer(draft("9", "blogs", Operation.UPDATE, 1));
    offer(draft("9", "blogs", Operation.UPDATE, 3));
    end("9");
    assertTrue(out.get(0).txn().lastInGroup());
    assertEquals(3, out.get(1).txn().groupStart());
  }

  @Test
  void theNextTransactionReleasesTheHeldChangeAsLast() {
    offer(draft("10", "blogs", Operation.CREATE, 1));
    offer(draft("11", "blogs", Operation.CREATE, 1));
    assertEquals(1, out.size());
    assertTrue(out.get(0).txn().lastInGroup());
    assertTrue(marker.isHolding());
    assertNull(marker.endTransaction("10"), "an END of another transaction releases nothing");
  }

  @Test
  void eventIdsFollowCommitThenChangePosition() {
    offer(draft("12", "blogs", Operation.CREATE, 1));
    end("12");
    assertEquals(RecordEvent.idOf(1000, 1), out.get(0).id());
  }
}
