package io.fastschema.realtime.fanout;

import static io.fastschema.realtime.event.Operation.DELETE;
import static io.fastschema.realtime.event.Operation.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.TransactionPosition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rebuilding FastSchema's one-message-per-statement grouping from per-record events. */
class GroupAssemblerTest {

  private static final Duration MAX_WAIT = Duration.ofSeconds(10);
  private static final long T0 = 1_000_000_000L;

  private final List<Delivery> out = new ArrayList<>();
  private final GroupAssembler assembler = new GroupAssembler(out::add, MAX_WAIT);

  private static List<Long> ids(Delivery d) {
    return d.events().stream().map(e -> e.key().get("id").asLong()).toList();
  }

  private static List<Long> orders(Delivery d) {
    return d.events().stream().map(e -> e.txn().order()).toList();
  }

  @Test
  void createIsDeliveredAtOnceEvenWhileAGroupIsPending() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx1", 1, 1, 2);
    assembler.accept(update.get(0), T0);

    assembler.accept(TestEvents.create(9, "new"), T0);

    assertEquals(1, out.size());
    assertEquals(Operation.CREATE, out.get(0).op());
    assertEquals(List.of(9L), ids(out.get(0)));
    assertEquals(1, assembler.pendingGroups(), "the update group still waits for its second row");
  }

  @Test
  void everyCreateIsItsOwnDeliveryEvenInOneTransaction() {
    for (long order = 1; order <= 3; order++) {
      assembler.accept(TestEvents.event("post", "posts", Operation.CREATE,
          TestEvents.post(order, "x").retain("id"), TestEvents.post(order, "x"),
          new TransactionPosition("tx", order, 1, order == 3)), T0);
    }

    assertEquals(3, out.size(), "FastSchema sends one message per created record");
    assertEquals(0, assembler.pendingGroups());
  }

  @Test
  void groupOfOneIsDeliveredAtOnce() {
    assembler.accept(TestEvents.group(DELETE, "tx1", 4, 7).get(0), T0);

    assertEquals(1, out.size());
    assertEquals(List.of(7L), ids(out.get(0)));
    assertEquals(0, assembler.pendingGroups());
  }

  @Test
  void groupIsHeldUntilItsLastAndAllEarlierEventsArrived() {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx1", 1, 10, 11, 12);

    assembler.accept(group.get(2), T0); // the last one, first: size known, members missing
    assembler.accept(group.get(0), T0);
    assertTrue(out.isEmpty(), "2 of 3 events: nothing may be delivered yet");

    assembler.accept(group.get(1), T0);

    assertEquals(1, out.size());
    assertEquals(List.of(10L, 11L, 12L), ids(out.get(0)));
    assertEquals(0, assembler.pendingGroups());
  }

  /** All 24 arrival orders of a four-row group, as several partitions may interleave them. */
  static Stream<List<Integer>> arrivalOrders() {
    List<List<Integer>> all = new ArrayList<>();
    permute(new ArrayList<>(List.of(0, 1, 2, 3)), 0, all);
    return all.stream();
  }

  private static void permute(List<Integer> xs, int k, List<List<Integer>> out) {
    if (k == xs.size()) {
      out.add(List.copyOf(xs));
      return;
    }
    for (int i = k; i < xs.size(); i++) {
      java.util.Collections.swap(xs, k, i);
      permute(xs, k + 1, out);
      java.util.Collections.swap(xs, k, i);
    }
  }

  @ParameterizedTest(name = "arrival {0}")
  @MethodSource("arrivalOrders")
  void groupSpreadOverPartitionsIsDeliveredOnceCompleteAndInTransactionOrder(List<Integer> arrival) {
    // orders 3..6 of the transaction: a group that starts after other changes
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx1", 3, 40, 10, 30, 20);

    for (int i = 0; i < arrival.size(); i++) {
      assembler.accept(group.get(arrival.get(i)), T0 + i);
      if (i < arrival.size() - 1) {
        assertTrue(out.isEmpty(), "delivered before complete after " + (i + 1) + " events");
      }
    }

    assertEquals(1, out.size(), "delivered exactly once");
    Delivery d = out.get(0);
    assertEquals(UPDATE, d.op());
    assertEquals("post", d.schema());
    assertEquals(List.of(3L, 4L, 5L, 6L), orders(d));
    assertEquals(List.of(40L, 10L, 30L, 20L), ids(d), "transaction order, not key or arrival order");
    assertEquals(0, assembler.pendingGroups());
  }

  @Test
  void groupsOfOneTransactionAndOfInterleavedTransactionsStayApart() {
    List<RecordEvent> updates = TestEvents.group(UPDATE, "tx1", 1, 1, 2);
    List<RecordEvent> deletes = TestEvents.group(DELETE, "tx1", 3, 1, 2);
    List<RecordEvent> otherTx = TestEvents.group(UPDATE, "tx2", 1, 1, 2);

    assembler.accept(updates.get(0), T0);
    assembler.accept(otherTx.get(1), T0);
    assembler.accept(deletes.get(1), T0);
    assembler.accept(otherTx.get(0), T0);
    assembler.accept(deletes.get(0), T0);
    assembler.accept(updates.get(1), T0);

    assertEquals(3, out.size());
    assertEquals("tx2", out.get(0).events().get(0).txn().id());
    assertEquals(List.of(1L, 2L), orders(out.get(0)));
    assertEquals(UPDATE, out.get(1).op(), "tx1's deletes wait behind its earlier updates");
    assertEquals("tx1", out.get(1).events().get(0).txn().id());
    assertEquals(List.of(1L, 2L), orders(out.get(1)));
    assertEquals(DELETE, out.get(2).op());
    assertEquals(List.of(3L, 4L), orders(out.get(2)));
  }

  @Test
  void sameOperationOnTwoTablesInOneTransactionFormsTwoGroups() {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    RecordEvent post = TestEvents.update(1, "a", new TransactionPosition("tx", 1, 1, false));
    RecordEvent note = TestEvents.event("note", "notes", UPDATE, json.objectNode().put("id", "n"),
        json.objectNode().put("id", "n"), new TransactionPosition("tx", 2, 1, true));

    assembler.accept(post, T0);
    assembler.accept(note, T0);

    assertTrue(out.isEmpty(), "a note event cannot complete a post group: " + out);
    assertEquals(2, assembler.pendingGroups());
  }

  @Test
  void expireReleasesAnIncompleteGroupAfterMaxWaitAndLogsIt() {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx-lost", 1, 3, 1, 2);
    assembler.accept(group.get(1), T0);
    assembler.accept(group.get(0), T0 + 5);

    assembler.expire(T0 + MAX_WAIT.toNanos() - 1);
    assertTrue(out.isEmpty(), "not before maxWait");

    String log = captureStderr(() -> assembler.expire(T0 + MAX_WAIT.toNanos()));

    assertEquals(1, out.size());
    assertEquals(List.of(3L, 1L), ids(out.get(0)), "what arrived, in transaction order");
    assertEquals(0, assembler.pendingGroups());
    assertTrue(log.contains("WARN") && log.contains("tx-lost") && log.contains("incomplete"),
        "expiry is logged at WARN naming the group: " + log);
  }

  @Test
  void expireKeepsGroupsYoungerThanMaxWait() {
    assembler.accept(TestEvents.group(UPDATE, "old", 1, 1, 2).get(0), T0);
    assembler.accept(TestEvents.group(UPDATE, "young", 1, 3, 4).get(0), T0 + MAX_WAIT.toNanos());

    captureStderr(() -> assembler.expire(T0 + MAX_WAIT.toNanos()));

    assertEquals(1, out.size());
    assertEquals("old", out.get(0).events().get(0).txn().id());
    assertEquals(1, assembler.pendingGroups());
  }

  @Test
  void eventArrivingAfterItsGroupExpiredIsStillDeliveredNotLost() {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx", 1, 1, 2);
    assembler.accept(group.get(0), T0);
    captureStderr(() -> assembler.expire(T0 + MAX_WAIT.toNanos()));

    assembler.accept(group.get(1), T0 + MAX_WAIT.toNanos() + 1);
    captureStderr(() -> assembler.expire(T0 + 2 * MAX_WAIT.toNanos() + 1));

    assertEquals(2, out.size());
    assertEquals(List.of(2L), ids(out.get(1)));
  }

  /**
   * Per-record commit order across groups of one transaction: {@code UPDATE posts ... WHERE id IN
   * (1,2); DELETE FROM posts WHERE id = 1;} with row 1 and row 2 on different partitions. Row 1's
   * delete (a group of one) overtakes row 1's update, which waits for row 2.
   */
  @Test
  @org.junit.jupiter.api.Tag("regression")
  void laterChangeOfARecordIsNotDeliveredBeforeItsEarlierPendingGroup() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx", 1, 1, 2);
    RecordEvent deleteOne = TestEvents.group(DELETE, "tx", 3, 1).get(0);

    assembler.accept(update.get(0), T0); // partition of row 1: update, then delete
    assembler.accept(deleteOne, T0);
    assembler.accept(update.get(1), T0); // partition of row 2

    assertEquals(List.of(UPDATE, DELETE), out.stream().map(Delivery::op).toList());
  }

  private static String captureStderr(Runnable r) {
    PrintStream original = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(original);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
