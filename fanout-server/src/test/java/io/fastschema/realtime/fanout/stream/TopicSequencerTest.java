package io.fastschema.realtime.fanout.stream;

import static io.fastschema.realtime.event.Operation.DELETE;
import static io.fastschema.realtime.event.Operation.UPDATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.TransactionPosition;
import io.fastschema.realtime.fanout.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rebuilding FastSchema's one-message-per-statement grouping from per-record events spread over
 * partitions, in per-partition order, with the position each delivery leaves the stream at.
 */
class TopicSequencerTest {

  private static final Duration MAX_WAIT = Duration.ofSeconds(10);
  private static final long T0 = 1_000_000_000L;
  private static final String TOPIC = "fastschema.post";

  private final List<Delivery> out = new ArrayList<>();
  private TopicSequencer sequencer = sequencer(3, StreamPosition.beginning(TOPIC));

  /** Next offset per partition, as a broker would assign. */
  private final long[] nextOffset = new long[3];

  private long nextId = 1;

  private TopicSequencer sequencer(int partitions, StreamPosition start) {
    return new TopicSequencer(start, partitions, out::add, MAX_WAIT);
  }

  /** Appends an event to a partition, with a fresh id growing in commit (call) order. */
  private TopicSequencer.Outcome put(int partition, RecordEvent e, long now) {
    return sequencer.offer(partition, nextOffset[partition]++, withId(e, nextId++), now);
  }

  private static RecordEvent withId(RecordEvent e, long n) {
    return new RecordEvent(
        RecordEvent.idOf(n, n),
        e.schema(),
        e.table(),
        e.op(),
        e.key(),
        e.before(),
        e.after(),
        e.txn(),
        e.source());
  }

  private static List<Long> ids(Delivery d) {
    return d.events().stream().map(e -> e.key().get("id").asLong()).toList();
  }

  private static List<Long> orders(Delivery d) {
    return d.events().stream().map(e -> e.txn().order()).toList();
  }

  @Test
  void createIsDeliveredAtOnceOnItsOwnPartitionWhileAGroupIsPendingOnAnother() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx1", 1, 1, 2);
    put(0, update.get(0), T0);

    put(1, TestEvents.create(9, "new"), T0);

    assertEquals(1, out.size());
    assertEquals(Operation.CREATE, out.get(0).op());
    assertEquals(List.of(9L), ids(out.get(0)));
    assertEquals(1, sequencer.pendingRecords(), "the update group still waits for its second row");
  }

  @Test
  void recordsBehindAPendingGroupInTheSamePartitionWait() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx1", 1, 1, 2);
    put(0, update.get(0), T0);
    put(0, TestEvents.create(9, "later"), T0);
    assertTrue(out.isEmpty(), "a partition is delivered in offset order: " + out);

    put(1, update.get(1), T0);

    assertEquals(List.of(UPDATE, Operation.CREATE), out.stream().map(Delivery::op).toList());
    assertEquals(0, sequencer.pendingRecords());
  }

  @Test
  void everyCreateIsItsOwnDeliveryEvenInOneTransaction() {
    for (long order = 1; order <= 3; order++) {
      put(
          0,
          TestEvents.event(
              "post",
              "posts",
              Operation.CREATE,
              TestEvents.post(order, "x").retain("id"),
              TestEvents.post(order, "x"),
              new TransactionPosition("tx", order, 1, order == 3)),
          T0);
    }

    assertEquals(3, out.size(), "FastSchema sends one message per created record");
    assertEquals(0, sequencer.pendingRecords());
  }

  @Test
  void groupOfOneIsDeliveredAtOnce() {
    put(2, TestEvents.group(DELETE, "tx1", 4, 7).get(0), T0);

    assertEquals(1, out.size());
    assertEquals(List.of(7L), ids(out.get(0)));
  }

  /** All 24 ways of placing a four-row group's records on partitions 0..2 (some share one). */
  static Stream<List<Integer>> placements() {
    List<List<Integer>> all = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 24; i++) {
      all.add(List.of(random.nextInt(3), random.nextInt(3), random.nextInt(3), random.nextInt(3)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "partitions {0}")
  @MethodSource("placements")
  void groupSpreadOverPartitionsIsDeliveredOnceCompleteInTransactionOrder(List<Integer> placed) {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx1", 3, 40, 10, 30, 20);
    // Offered partition by partition, last partition first: arrival differs from commit order.
    List<Integer> arrival = new ArrayList<>();
    for (int p = 2; p >= 0; p--) {
      for (int i = 0; i < 4; i++) {
        if (placed.get(i) == p) {
          arrival.add(i);
        }
      }
    }
    long[] offsets = new long[3];
    for (int k = 0; k < arrival.size(); k++) {
      int i = arrival.get(k);
      int p = placed.get(i);
      sequencer.offer(p, offsets[p]++, withId(group.get(i), 10 + i), T0 + k);
      if (k < arrival.size() - 1) {
        assertTrue(out.isEmpty(), "delivered before complete after " + (k + 1) + " events");
      }
    }

    assertEquals(1, out.size(), "delivered exactly once");
    Delivery d = out.get(0);
    assertEquals(List.of(3L, 4L, 5L, 6L), orders(d));
    assertEquals(
        List.of(40L, 10L, 30L, 20L), ids(d), "transaction order, not key or arrival order");
    for (int p = 0; p < 3; p++) {
      assertEquals(offsets[p], d.position().offset(p), "position after the group, partition " + p);
    }
  }

  @Test
  void sameOperationOnTwoTablesInOneTransactionFormsTwoGroups() {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    RecordEvent post = TestEvents.update(1, "a", new TransactionPosition("tx", 1, 1, false));
    RecordEvent note =
        TestEvents.event(
            "note",
            "notes",
            UPDATE,
            json.objectNode().put("id", "n"),
            json.objectNode().put("id", "n"),
            new TransactionPosition("tx", 2, 1, true));

    put(0, post, T0);
    put(1, note, T0);

    assertTrue(out.isEmpty(), "a note event cannot complete a post group: " + out);
  }

  @Test
  void positionIsTheFirstWaitingRecordOrTheReadPositionPerPartition() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx1", 1, 1, 2);
    put(0, TestEvents.create(5, "a"), T0); // p0@0 delivered
    put(0, update.get(0), T0); // p0@1 waits
    put(2, TestEvents.create(6, "b"), T0); // p2@0 delivered

    StreamPosition at = sequencer.position();
    assertEquals(1, at.offset(0), "the waiting record is not delivered");
    assertEquals(0, at.offset(1));
    assertEquals(1, at.offset(2));
    assertEquals(out.get(1).position(), at, "the last delivery's position");
    assertEquals(out.get(0).events().get(0).id(), at.lastId(0));
    assertNull(at.lastId(1));

    put(1, update.get(1), T0);
    assertEquals(2, sequencer.position().offset(0));
    assertEquals(1, sequencer.position().offset(1));
    assertArrayEquals(new long[] {1, 0}, out.get(2).offsets());
    assertArrayEquals(new int[] {0, 1}, out.get(2).partitions());
  }

  @Test
  void duplicatesAreDroppedIncludingThoseBelowTheStartPositionsIds() {
    RecordEvent a = withId(TestEvents.create(1, "a"), 1);
    RecordEvent b = withId(TestEvents.create(2, "b"), 2);
    sequencer.offer(0, 0, a, T0);
    sequencer.offer(0, 1, b, T0);
    StreamPosition after = sequencer.position();

    // An ingest crash re-published both; a reader resuming after them must drop the copies.
    out.clear();
    sequencer = sequencer(3, after);
    assertEquals(TopicSequencer.Outcome.DUPLICATE, sequencer.offer(0, 2, a, T0));
    assertEquals(TopicSequencer.Outcome.DUPLICATE, sequencer.offer(0, 3, b, T0));
    assertTrue(out.isEmpty());
    assertEquals(4, sequencer.position().offset(0), "duplicates still move the position on");

    RecordEvent c = withId(TestEvents.create(3, "c"), 3);
    assertEquals(TopicSequencer.Outcome.ACCEPTED, sequencer.offer(0, 4, c, T0));
    assertEquals(List.of(3L), ids(out.get(0)));
  }

  @Test
  void skippedRecordsMoveAnIdlePartitionOn() {
    sequencer.skip(1, 0);
    sequencer.skip(1, 1);
    assertEquals(2, sequencer.position().offset(1));
    assertTrue(out.isEmpty());
  }

  @Test
  void partitionsBeyondTheStartBeginAtZeroAndCanBeAdded() {
    sequencer = sequencer(1, new StreamPosition(TOPIC, new long[] {7}, new String[] {null}));
    assertEquals(1, sequencer.position().partitions());
    sequencer.offer(2, 0, withId(TestEvents.create(1, "a"), 1), T0);
    assertEquals(3, sequencer.position().partitions());
    assertEquals(7, sequencer.position().offset(0));
    assertEquals(1, sequencer.position().offset(2));
  }

  @Test
  void expireReleasesAnIncompleteGroupAfterMaxWaitAndLogsIt() {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx-lost", 1, 3, 1, 2);
    put(1, group.get(0), T0);
    put(0, group.get(1), T0 + 5);

    sequencer.expire(T0 + MAX_WAIT.toNanos() - 1);
    assertTrue(out.isEmpty(), "not before maxWait");

    String log = captureStderr(() -> sequencer.expire(T0 + MAX_WAIT.toNanos()));

    assertEquals(1, out.size());
    assertEquals(List.of(3L, 1L), ids(out.get(0)), "what arrived, in transaction order");
    assertEquals(0, sequencer.pendingRecords());
    assertTrue(
        log.contains("WARN") && log.contains("tx-lost") && log.contains("incomplete"),
        "expiry is logged at WARN naming the group: " + log);
  }

  @Test
  void expireKeepsGroupsYoungerThanMaxWait() {
    put(0, TestEvents.group(UPDATE, "old", 1, 1, 2).get(0), T0);
    put(1, TestEvents.group(UPDATE, "young", 1, 3, 4).get(0), T0 + MAX_WAIT.toNanos());

    captureStderr(() -> sequencer.expire(T0 + MAX_WAIT.toNanos()));

    assertEquals(1, out.size());
    assertEquals("old", out.get(0).events().get(0).txn().id());
    assertEquals(1, sequencer.pendingRecords());
  }

  @Test
  void recordArrivingAfterItsGroupExpiredIsDeliveredAtOnceNotHeldAgain() {
    List<RecordEvent> group = TestEvents.group(UPDATE, "tx", 1, 1, 2);
    put(0, group.get(0), T0);
    captureStderr(() -> sequencer.expire(T0 + MAX_WAIT.toNanos()));

    put(1, group.get(1), T0 + MAX_WAIT.toNanos() + 1);

    assertEquals(2, out.size());
    assertEquals(List.of(2L), ids(out.get(1)));
  }

  /**
   * Per-record commit order across groups of one transaction: {@code UPDATE posts ... WHERE id IN
   * (1,2); DELETE FROM posts WHERE id = 1;} with row 1 and row 2 on different partitions. Row 1's
   * delete (a group of one) must not overtake row 1's update, which waits for row 2.
   */
  @Test
  @org.junit.jupiter.api.Tag("regression")
  void laterChangeOfARecordIsNotDeliveredBeforeItsEarlierPendingGroup() {
    List<RecordEvent> update = TestEvents.group(UPDATE, "tx", 1, 1, 2);
    RecordEvent deleteOne = TestEvents.group(DELETE, "tx", 3, 1).get(0);

    put(0, update.get(0), T0); // partition of row 1: update, then delete
    put(0, deleteOne, T0);
    put(1, update.get(1), T0); // partition of row 2

    assertEquals(List.of(UPDATE, DELETE), out.stream().map(Delivery::op).toList());
  }

  /**
   * Randomized: transactions of creates and multi-row groups over three partitions, read in a
   * random interleaving of the partitions. Whatever the interleaving, everything is delivered once,
   * and at every delivery "delivered so far" is exactly the records below its position.
   */
  @Test
  void deliveredSoFarIsAlwaysExactlyThePrefixBelowThePosition() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      out.clear();
      sequencer = sequencer(3, StreamPosition.beginning(TOPIC));
      List<List<RecordEvent>> lanes =
          List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      long id = 1;
      int total = 0;
      for (int tx = 0; tx < 20; tx++) {
        int rows = 1 + random.nextInt(4);
        boolean create = random.nextBoolean();
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
          keys[i] = random.nextInt(50);
        }
        List<RecordEvent> events =
            create ? new ArrayList<>() : TestEvents.group(UPDATE, "tx" + tx, 1, keys);
        if (create) {
          for (long k : keys) {
            events.add(TestEvents.create(k, "c"));
          }
        }
        for (RecordEvent e : events) {
          long key = e.key().get("id").asLong();
          lanes.get((int) (key % 3)).add(withId(e, id++));
          total++;
        }
      }
      int[] next = new int[3];
      List<long[]> deliveredOffsets = new ArrayList<>();
      int seen = 0;
      while (next[0] + next[1] + next[2] < total) {
        int p = random.nextInt(3);
        if (next[p] < lanes.get(p).size()) {
          sequencer.offer(p, next[p], lanes.get(p).get(next[p]), T0);
          next[p]++;
          for (; seen < out.size(); seen++) {
            Delivery d = out.get(seen);
            for (int i = 0; i < d.offsets().length; i++) {
              deliveredOffsets.add(new long[] {d.partitions()[i], d.offsets()[i]});
            }
            for (int q = 0; q < 3; q++) {
              final int lane = q;
              long below = deliveredOffsets.stream().filter(o -> o[0] == lane).count();
              assertEquals(
                  below,
                  d.position().offset(q),
                  "round " + round + ": delivered records of partition " + q + " form a prefix");
            }
          }
        }
      }
      assertEquals(
          total, deliveredOffsets.size(), "round " + round + ": everything delivered once");
    }
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
