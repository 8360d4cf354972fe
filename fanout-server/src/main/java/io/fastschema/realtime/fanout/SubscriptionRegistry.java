package io.fastschema.realtime.fanout;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open subscription of this node, indexed so that an event reaches only the sessions that
 * want it: by schema, then schema-wide ({@code event=*}), by operation, or by record key. The cost
 * of a delivery grows with the sessions it matches, not with all sessions. Each distinct message is
 * encoded once per delivery and the same String is queued to every matching session.
 *
 * <p>Thread-safe: concurrent maps and sets; {@link #dispatch} is called by one thread (the Kafka
 * consumer) while sessions come and go on Jetty threads.
 */
public final class SubscriptionRegistry implements ClientSession.SessionListener {

  private final Map<String, SchemaIndex> bySchema = new ConcurrentHashMap<>();
  private final MessageEncoder encoder;
  private final FanoutMetrics metrics;

  /** What a subscription is indexed by, for the subscription gauges. */
  public enum Kind { SCHEMA, OPERATION, RECORD }

  public SubscriptionRegistry(MessageEncoder encoder) {
    this(encoder, FanoutMetrics.unregistered());
  }

  SubscriptionRegistry(MessageEncoder encoder, FanoutMetrics metrics) {
    this.encoder = encoder;
    this.metrics = metrics;
  }

  /** The sessions of one schema. */
  private static final class SchemaIndex {
    final Set<ClientSession> wholeSchema = ConcurrentHashMap.newKeySet();
    final Map<Operation, Set<ClientSession>> byOperation = new EnumMap<>(Operation.class);
    final Map<String, Set<ClientSession>> byRecord = new ConcurrentHashMap<>();

    SchemaIndex() {
      for (Operation op : Operation.values()) {
        byOperation.put(op, ConcurrentHashMap.newKeySet());
      }
    }
  }

  public void add(ClientSession session) {
    Subscription s = session.subscription();
    SchemaIndex index = bySchema.computeIfAbsent(s.schema().name(), n -> new SchemaIndex());
    if (s.isRecordScoped()) {
      // Added inside compute, atomically with sessionEnded's removal of an emptied set: adding to
      // the set computeIfAbsent returned could land in a set being dropped, losing the session.
      index.byRecord.compute(s.recordKey(), (k, set) -> {
        Set<ClientSession> sessions = set != null ? set : ConcurrentHashMap.newKeySet();
        sessions.add(session);
        return sessions;
      });
    } else if (s.operation() == null) {
      index.wholeSchema.add(session);
    } else {
      index.byOperation.get(s.operation()).add(session);
    }
  }

  @Override
  public void sessionEnded(ClientSession session) {
    Subscription s = session.subscription();
    SchemaIndex index = bySchema.get(s.schema().name());
    if (index == null) {
      return;
    }
    if (s.isRecordScoped()) {
      index.byRecord.computeIfPresent(s.recordKey(), (k, set) -> {
        set.remove(session);
        return set.isEmpty() ? null : set;
      });
    } else if (s.operation() == null) {
      index.wholeSchema.remove(session);
    } else {
      index.byOperation.get(s.operation()).remove(session);
    }
  }

  @Override
  public void slowConsumerClosed(ClientSession session) {
    metrics.slowConsumerCloses.increment();
  }

  /**
   * Sends one delivery to every session that wants it. Meters are updated once per delivery, not
   * per session: the loops only count.
   */
  public void dispatch(Delivery d) {
    SchemaIndex index = bySchema.get(d.schema());
    if (index == null) {
      return;
    }
    DeliveryMessages messages = new DeliveryMessages(d, encoder);
    // [0] messages queued, [1] sessions whose filter admitted nothing
    int[] counts = new int[2];
    for (ClientSession session : index.wholeSchema) {
      offerWhole(session, messages, counts);
    }
    for (ClientSession session : index.byOperation.get(d.op())) {
      offerWhole(session, messages, counts);
    }
    // No early return on an empty byRecord: its size can lag a concurrent compute() on another
    // thread, and a registered subscriber would be skipped.
    for (int i = 0; i < d.events().size(); i++) {
      Set<ClientSession> scoped = index.byRecord.get(keyOf(d.events().get(i)));
      if (scoped == null) {
        continue;
      }
      for (ClientSession session : scoped) {
        if (session.subscription().wants(d.op())) {
          offerSingle(session, messages, i, counts);
        }
      }
    }
    record(d, counts);
  }

  /**
   * Sends one delivery to one session that is not (yet) in the index: a session replaying what it
   * missed. Same rules as {@link #dispatch}.
   */
  void dispatchTo(ClientSession session, Delivery d) {
    Subscription s = session.subscription();
    if (!s.schema().name().equals(d.schema()) || !s.wants(d.op())) {
      session.passed(d.position());
      return;
    }
    DeliveryMessages messages = new DeliveryMessages(d, encoder);
    int[] counts = new int[2];
    if (!s.isRecordScoped()) {
      offerWhole(session, messages, counts);
    } else {
      for (int i = 0; i < d.events().size(); i++) {
        if (s.recordKey().equals(keyOf(d.events().get(i)))) {
          offerSingle(session, messages, i, counts);
        }
      }
      if (counts[0] == 0 && counts[1] == 0) {
        session.passed(d.position());
      }
    }
    record(d, counts);
  }

  private void record(Delivery d, int[] counts) {
    if (counts[0] > 0) {
      metrics.messagesDelivered.increment(counts[0]);
      metrics.delivered(d.events().get(0).source().commitTimeMs());
    }
    if (counts[1] > 0) {
      metrics.messagesFiltered.increment(counts[1]);
    }
  }

  private static void offerWhole(ClientSession session, DeliveryMessages messages, int[] counts) {
    if (session.resumable() && session.replayedAlready(messages.delivery())) {
      return;
    }
    queue(session, messages.whole(session.subscription().view()), messages, counts);
  }

  private static void offerSingle(ClientSession session, DeliveryMessages messages, int i,
      int[] counts) {
    if (session.resumable() && session.replayedAlready(messages.delivery())) {
      return;
    }
    queue(session, messages.single(session.subscription().view(), i), messages, counts);
  }

  /** Queues a message (null: the view admitted nothing); resumable sessions get its cursor. */
  private static void queue(ClientSession session, String message, DeliveryMessages messages,
      int[] counts) {
    boolean resumable = session.resumable();
    StreamPosition position = messages.delivery().position();
    if (message == null) {
      counts[1]++;
      if (resumable) {
        session.passed(position);
      }
    } else {
      counts[0]++;
      if (resumable) {
        session.enqueue(messages.resumable(message), position);
      } else {
        session.enqueue(message);
      }
    }
  }

  private static String keyOf(RecordEvent e) {
    var fields = e.key().elements();
    return fields.hasNext() ? RecordKeys.ofValue(fields.next()) : null;
  }

  /** Calls {@code action} for every open session (rare operations: access changes, expiry). */
  public void forEachSession(java.util.function.Consumer<ClientSession> action) {
    for (SchemaIndex index : bySchema.values()) {
      index.wholeSchema.forEach(action);
      index.byOperation.values().forEach(set -> set.forEach(action));
      index.byRecord.values().forEach(set -> set.forEach(action));
    }
  }

  /** Messages queued to sessions so far. */
  public long delivered() {
    return (long) metrics.messagesDelivered.count();
  }

  /** Open subscriptions of one kind; walks the index, so for scrapes, not the hot path. */
  public int count(Kind kind) {
    int n = 0;
    for (SchemaIndex index : bySchema.values()) {
      switch (kind) {
        case SCHEMA -> n += index.wholeSchema.size();
        case OPERATION -> {
          for (Set<ClientSession> s : index.byOperation.values()) {
            n += s.size();
          }
        }
        case RECORD -> {
          for (Set<ClientSession> s : index.byRecord.values()) {
            n += s.size();
          }
        }
      }
    }
    return n;
  }

  /** Open subscriptions, for metrics and tests. */
  public int size() {
    return count(Kind.SCHEMA) + count(Kind.OPERATION) + count(Kind.RECORD);
  }
}
