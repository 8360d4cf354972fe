package io.fastschema.realtime.fanout;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds FastSchema's message grouping from record events: every create is its own delivery;
 * updates and deletes are collected per group (see
 * {@link io.fastschema.realtime.event.TransactionPosition}) until the group's last event has
 * arrived and the count is complete. Key partitioning can spread a group over several partitions,
 * which is why completion is decided by count, not by the order of arrival.
 *
 * <p>Order: while a group of a transaction is incomplete, every later delivery of the same
 * transaction waits behind it, so a record's later change (which shares its partition, hence
 * arrives after its earlier one) is never delivered before the group holding its earlier change.
 * Transactions without an incomplete group flow straight through.
 *
 * <p>Not thread-safe: used by the consumer thread only.
 */
final class GroupAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(GroupAssembler.class);

  private final Consumer<Delivery> out;
  private final Duration maxWait;
  /** Transactions with at least one incomplete group: their deliveries in transaction order. */
  private final Map<String, TreeMap<GroupKey, PendingGroup>> open = new HashMap<>();

  GroupAssembler(Consumer<Delivery> out, Duration maxWait) {
    this.out = out;
    this.maxWait = maxWait;
  }

  /** Orders deliveries of one transaction; table and op only keep malformed input apart. */
  private record GroupKey(long start, String table, Operation op) implements Comparable<GroupKey> {
    private static final Comparator<GroupKey> ORDER = Comparator.comparingLong(GroupKey::start)
        .thenComparing(GroupKey::table).thenComparing(GroupKey::op);

    @Override
    public int compareTo(GroupKey other) {
      return ORDER.compare(this, other);
    }
  }

  /** One delivery being assembled (or complete and waiting behind an earlier one). */
  private static final class PendingGroup {
    final List<RecordEvent> events = new ArrayList<>();
    final long firstSeenNanos;
    long expected = -1;

    PendingGroup(long now) {
      firstSeenNanos = now;
    }

    boolean complete() {
      return expected > 0 && events.size() >= expected;
    }
  }

  void accept(RecordEvent e, long nowNanos) {
    var txn = e.txn();
    boolean single = e.op() == Operation.CREATE
        || (txn.lastInGroup() && txn.groupStart() == txn.order());
    TreeMap<GroupKey, PendingGroup> queue = open.get(txn.id());
    if (single && queue == null) {
      out.accept(Delivery.of(e)); // nothing of its transaction is waiting
      return;
    }
    if (queue == null) {
      queue = new TreeMap<>();
      open.put(txn.id(), queue);
    }
    // A create is keyed by its own order, so that it keeps its place among the groups.
    GroupKey key = new GroupKey(e.op() == Operation.CREATE ? txn.order() : txn.groupStart(),
        e.table(), e.op());
    PendingGroup group = queue.computeIfAbsent(key, k -> new PendingGroup(nowNanos));
    group.events.add(e);
    if (single) {
      group.expected = 1;
    } else if (txn.lastInGroup()) {
      group.expected = txn.groupSize();
    }
    drain(txn.id(), queue, nowNanos, false);
  }

  /** Delivers the complete groups at the head of a transaction's queue (all of them if forced). */
  private void drain(String txId, TreeMap<GroupKey, PendingGroup> queue, long nowNanos,
      boolean expireOld) {
    while (!queue.isEmpty()) {
      Map.Entry<GroupKey, PendingGroup> head = queue.firstEntry();
      PendingGroup group = head.getValue();
      if (!group.complete()) {
        if (!expireOld || nowNanos - group.firstSeenNanos < maxWait.toNanos()) {
          break;
        }
        LOG.warn("Group {}/{} incomplete after {} ms ({} events of {}); delivering what arrived",
            txId, head.getKey().start(), maxWait.toMillis(), group.events.size(),
            group.expected < 0 ? "unknown" : String.valueOf(group.expected));
      }
      queue.pollFirstEntry();
      emit(group);
    }
    if (queue.isEmpty()) {
      open.remove(txId);
    }
  }

  /** Releases groups that waited too long, so a missing event cannot hold the rest back forever. */
  void expire(long nowNanos) {
    if (open.isEmpty()) {
      return;
    }
    Iterator<Map.Entry<String, TreeMap<GroupKey, PendingGroup>>> it =
        new ArrayList<>(open.entrySet()).iterator();
    while (it.hasNext()) {
      Map.Entry<String, TreeMap<GroupKey, PendingGroup>> entry = it.next();
      drain(entry.getKey(), entry.getValue(), nowNanos, true);
    }
  }

  private void emit(PendingGroup group) {
    group.events.sort(Comparator.comparingLong(ev -> ev.txn().order()));
    RecordEvent first = group.events.get(0);
    out.accept(new Delivery(first.schema(), first.op(), group.events));
  }

  int pendingGroups() {
    int n = 0;
    for (TreeMap<GroupKey, PendingGroup> q : open.values()) {
      n += q.size();
    }
    return n;
  }
}
