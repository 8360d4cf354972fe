package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the records of one schema topic into FastSchema's deliveries, and knows at every delivery
 * how far the topic has been delivered ({@link StreamPosition}, the resume cursor).
 *
 * <p>Grouping: every create is its own delivery; updates and deletes are collected per group (see
 * {@link io.fastschema.realtime.event.TransactionPosition}) until the count is complete. Key
 * partitioning can spread a group over several partitions.
 *
 * <p>Order: each partition is delivered strictly in offset order. A record waits while an earlier
 * record of its partition waits for the rest of its group. This keeps per-record order (a record's
 * changes share a partition) and makes "delivered so far" a prefix of every partition, which is
 * what lets a cursor be a list of offsets. It cannot deadlock: ingest publishes in commit order, so
 * in every partition a group's records come after those of every earlier group.
 *
 * <p>Duplicates (an ingest replay re-publishes records with their original ids; ids only grow
 * within a partition) are dropped, seeded from the start position's ids.
 *
 * <p>Not thread-safe: one reader thread.
 */
final class TopicSequencer {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSequencer.class);

  /** Groups released incomplete, remembered so that their stragglers do not wait again. */
  private static final int FORCED_MEMORY = 1024;

  /** What {@link #offer} did with a record. */
  enum Outcome {
    ACCEPTED,
    DUPLICATE
  }

  private final String topic;
  private final Consumer<Delivery> out;
  private final long maxWaitNanos;
  private Lane[] lanes;

  /** Groups of more than one record not yet delivered. */
  private final Map<GroupKey, Group> open = new HashMap<>();

  private final Map<GroupKey, Boolean> forced =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<GroupKey, Boolean> eldest) {
          return size() > FORCED_MEMORY;
        }
      };

  /** One partition: what waits, and how far it has been read and delivered. */
  private static final class Lane {
    final ArrayDeque<Pending> queue = new ArrayDeque<>();

    /** The offset after the last record offered. */
    long next;

    /** Id of the last event delivered from this lane. */
    String lastDelivered;

    /** Id of the last event accepted (delivered or waiting): duplicates are at or below it. */
    String lastAccepted;

    Lane(long next, String lastId) {
      this.next = next;
      this.lastDelivered = lastId;
      this.lastAccepted = lastId;
    }
  }

  private record Pending(int partition, long offset, RecordEvent event, Group group) {}

  private record GroupKey(String txId, long start, String table, Operation op) {}

  private static final class Group {
    final GroupKey key;
    final List<Pending> members = new ArrayList<>(4);
    final long firstSeenNanos;

    /** Records in the group; -1 until its last record arrived. */
    long expected = -1;

    boolean released;

    Group(GroupKey key, long now) {
      this.key = key;
      this.firstSeenNanos = now;
    }

    boolean complete() {
      return released || (expected > 0 && members.size() >= expected);
    }
  }

  /**
   * @param start where reading starts: partitions it does not describe start at offset 0
   * @param out receives deliveries, on the caller's thread
   * @param maxWait how long an incomplete group may hold its partitions back
   */
  TopicSequencer(StreamPosition start, int partitions, Consumer<Delivery> out, Duration maxWait) {
    this.topic = start.topic();
    this.out = out;
    this.maxWaitNanos = maxWait.toNanos();
    this.lanes = new Lane[0];
    ensurePartitions(Math.max(partitions, start.partitions()), start);
  }

  /** Makes room for partitions added to the topic; new ones start where {@code start} says. */
  void ensurePartitions(int partitions, StreamPosition start) {
    if (partitions <= lanes.length) {
      return;
    }
    Lane[] grown = Arrays.copyOf(lanes, partitions);
    for (int p = lanes.length; p < partitions; p++) {
      grown[p] = new Lane(start.offset(p), start.lastId(p));
    }
    lanes = grown;
  }

  String topic() {
    return topic;
  }

  /** A record that carries no event (unreadable, or not ours): only moves the partition on. */
  void skip(int partition, long offset) {
    lane(partition).next = offset + 1;
  }

  Outcome offer(int partition, long offset, RecordEvent e, long nowNanos) {
    Lane lane = lane(partition);
    lane.next = offset + 1;
    if (lane.lastAccepted != null && e.id().compareTo(lane.lastAccepted) <= 0) {
      return Outcome.DUPLICATE;
    }
    lane.lastAccepted = e.id();
    var txn = e.txn();
    boolean single =
        e.op() == Operation.CREATE || (txn.lastInGroup() && txn.groupStart() == txn.order());
    Group group;
    if (single) {
      group = new Group(null, nowNanos);
      group.expected = 1;
    } else {
      GroupKey key = new GroupKey(txn.id(), txn.groupStart(), e.table(), e.op());
      group = open.computeIfAbsent(key, k -> new Group(k, nowNanos));
      if (forced.containsKey(key)) {
        group.released = true; // its group went out incomplete: do not make it wait twice
      }
      if (txn.lastInGroup()) {
        group.expected = txn.groupSize();
      }
    }
    Pending pending = new Pending(partition, offset, e, group);
    group.members.add(pending);
    lane.queue.addLast(pending);
    drain();
    return Outcome.ACCEPTED;
  }

  /** Releases groups that waited longer than allowed, so a lost record cannot stop a partition. */
  void expire(long nowNanos) {
    boolean any = false;
    for (Group g : open.values()) {
      if (!g.released && nowNanos - g.firstSeenNanos >= maxWaitNanos) {
        LOG.warn(
            "Group {}/{} of {} incomplete after {} ms ({} records of {}); delivering what "
                + "arrived",
            g.key.txId(),
            g.key.start(),
            topic,
            maxWaitNanos / 1_000_000,
            g.members.size(),
            g.expected < 0 ? "unknown" : String.valueOf(g.expected));
        g.released = true;
        forced.put(g.key, Boolean.TRUE);
        any = true;
      }
    }
    if (any) {
      drain();
    }
  }

  /** Where delivery stands now: each partition's first waiting record, or its read position. */
  StreamPosition position() {
    long[] offsets = new long[lanes.length];
    String[] ids = new String[lanes.length];
    for (int p = 0; p < lanes.length; p++) {
      Pending head = lanes[p].queue.peekFirst();
      offsets[p] = head != null ? head.offset() : lanes[p].next;
      ids[p] = lanes[p].lastDelivered;
    }
    return new StreamPosition(topic, offsets, ids);
  }

  int pendingRecords() {
    int n = 0;
    for (Lane lane : lanes) {
      n += lane.queue.size();
    }
    return n;
  }

  private Lane lane(int partition) {
    if (partition >= lanes.length) {
      ensurePartitions(partition + 1, StreamPosition.beginning(topic));
    }
    return lanes[partition];
  }

  /** Delivers every group that is complete and at the head of all its partitions. */
  private void drain() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Lane lane : lanes) {
        Pending head = lane.queue.peekFirst();
        if (head != null && deliverable(head.group())) {
          deliver(head.group());
          progress = true;
        }
      }
    }
  }

  /** Complete, and in each partition its records are the first ones waiting. */
  private boolean deliverable(Group g) {
    if (!g.complete()) {
      return false;
    }
    if (g.members.size() == 1) {
      return lanes[g.members.get(0).partition()].queue.peekFirst() == g.members.get(0);
    }
    Map<Integer, Integer> perLane = new HashMap<>();
    for (Pending m : g.members) {
      perLane.merge(m.partition(), 1, Integer::sum);
    }
    for (var entry : perLane.entrySet()) {
      Iterator<Pending> it = lanes[entry.getKey()].queue.iterator();
      for (int i = 0; i < entry.getValue(); i++) {
        if (!it.hasNext() || it.next().group() != g) {
          return false;
        }
      }
    }
    return true;
  }

  private void deliver(Group g) {
    for (Pending m : g.members) {
      Lane lane = lanes[m.partition()];
      lane.queue.removeFirst();
      lane.lastDelivered = m.event().id();
    }
    if (g.key != null) {
      open.remove(g.key);
    }
    List<Pending> members = g.members;
    if (members.size() > 1) {
      members.sort(Comparator.comparingLong(m -> m.event().txn().order()));
    }
    List<RecordEvent> events = new ArrayList<>(members.size());
    int[] partitions = new int[members.size()];
    long[] offsets = new long[members.size()];
    for (int i = 0; i < members.size(); i++) {
      Pending m = members.get(i);
      events.add(m.event());
      partitions[i] = m.partition();
      offsets[i] = m.offset();
    }
    RecordEvent first = events.get(0);
    out.accept(new Delivery(first.schema(), first.op(), events, position(), partitions, offsets));
  }
}
