package io.fastschema.realtime.fanout;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Not thread-safe: used by the consumer thread only.
 */
final class GroupAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(GroupAssembler.class);

  private final Consumer<Delivery> out;
  private final Duration maxWait;
  /** Groups still missing events, oldest first. */
  private final Map<String, PendingGroup> pending = new LinkedHashMap<>();

  GroupAssembler(Consumer<Delivery> out, Duration maxWait) {
    this.out = out;
    this.maxWait = maxWait;
  }

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
    if (e.op() == Operation.CREATE) {
      out.accept(Delivery.of(e));
      return;
    }
    var txn = e.txn();
    if (txn.lastInGroup() && txn.groupStart() == txn.order()) {
      out.accept(Delivery.of(e)); // a group of one: nothing to wait for
      return;
    }
    String key = txn.id() + '/' + e.table() + '/' + e.op() + '/' + txn.groupStart();
    PendingGroup group = pending.computeIfAbsent(key, k -> new PendingGroup(nowNanos));
    group.events.add(e);
    if (txn.lastInGroup()) {
      group.expected = txn.groupSize();
    }
    if (group.complete()) {
      pending.remove(key);
      emit(group);
    }
  }

  /** Releases groups that waited too long, so a missing event cannot hold the rest back forever. */
  void expire(long nowNanos) {
    Iterator<Map.Entry<String, PendingGroup>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, PendingGroup> entry = it.next();
      PendingGroup group = entry.getValue();
      if (nowNanos - group.firstSeenNanos < maxWait.toNanos()) {
        break; // insertion order: the rest are younger
      }
      LOG.warn("Group {} incomplete after {} ms ({} of {} events); delivering what arrived",
          entry.getKey(), maxWait.toMillis(), group.events.size(), group.expected);
      it.remove();
      emit(group);
    }
  }

  private void emit(PendingGroup group) {
    group.events.sort(Comparator.comparingLong(ev -> ev.txn().order()));
    RecordEvent first = group.events.get(0);
    out.accept(new Delivery(first.schema(), first.op(), group.events));
  }

  int pendingGroups() {
    return pending.size();
  }
}
