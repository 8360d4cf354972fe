package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.fanout.FanoutMetrics;
import io.fastschema.realtime.fanout.relations.RelationStore;
import io.fastschema.realtime.fanout.stream.Delivery;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every open subscription of this node, indexed so that an event reaches only the sessions that may
 * want it: by schema, then by {@code event} slot (schema-wide {@code event=*}, or one operation)
 * and the equality key of the filter ({@link FilterKeyIndex}), or by record key for subscriptions
 * with an {@code id}. The cost of a delivery grows with the sessions it may match, not with all
 * sessions. Sessions with the same view share one evaluation, and each distinct message is encoded
 * once per delivery: the same String is queued to every matching session.
 *
 * <p>Thread-safe: {@link #dispatch} is called by one thread (the Kafka consumer) while sessions
 * come and go on Jetty threads; see {@link FilterKeyIndex} for the schema-wide slots, and {@link
 * #add} for record-scoped sets.
 */
public final class SubscriptionRegistry implements ClientSession.SessionListener {

  private final Map<String, SchemaIndex> bySchema = new ConcurrentHashMap<>();
  private final MessageEncoder encoder;
  private final FanoutMetrics metrics;

  /** Relation state for views that read it; null until {@link #readRelationsFrom}. */
  private volatile RelationStore relations;

  /** What a subscription is indexed by, for the subscription gauges. */
  public enum Kind {
    SCHEMA,
    OPERATION,
    RECORD
  }

  public SubscriptionRegistry(MessageEncoder encoder) {
    this(encoder, FanoutMetrics.unregistered());
  }

  public SubscriptionRegistry(MessageEncoder encoder, FanoutMetrics metrics) {
    this.encoder = encoder;
    this.metrics = metrics;
  }

  /** The sessions of one schema. */
  private static final class SchemaIndex {
    final FilterKeyIndex wholeSchema = new FilterKeyIndex();

    /** Filled once in the constructor, read-only afterwards. */
    final Map<Operation, FilterKeyIndex> byOperation = new EnumMap<>(Operation.class);

    final Map<String, Set<ClientSession>> byRecord = new ConcurrentHashMap<>();

    SchemaIndex() {
      for (Operation op : Operation.values()) {
        byOperation.put(op, new FilterKeyIndex());
      }
    }
  }

  /** Where views that read related records find them; before the first dispatch. */
  public void readRelationsFrom(RelationStore store) {
    this.relations = store;
  }

  public void add(ClientSession session) {
    Subscription s = session.subscription();
    SchemaIndex index = bySchema.computeIfAbsent(s.schema().name(), n -> new SchemaIndex());
    if (s.isRecordScoped()) {
      // Added inside compute, atomically with sessionEnded's removal of an emptied set: adding to
      // the set computeIfAbsent returned could land in a set being dropped, losing the session.
      index.byRecord.compute(
          s.recordKey(),
          (k, set) -> {
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
      index.byRecord.computeIfPresent(
          s.recordKey(),
          (k, set) -> {
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
   * Sends one delivery to every session that wants it, writing at once. The live stream goes
   * through {@link PollDispatcher} instead, which holds writes until the end of the poll.
   */
  public void dispatch(Delivery d) {
    dispatch(d, MessageQueueing.AT_ONCE);
  }

  /** Sends one delivery to every session that wants it. Dispatch thread only. */
  void dispatch(Delivery d, MessageQueueing queueing) {
    SchemaIndex index = bySchema.get(d.schema());
    if (index == null) {
      return;
    }
    DeliveryRound round = new DeliveryRound(new DeliveryMessages(d, encoder, relations), queueing);
    Consumer<ViewGroup> sendToGroup = group -> sendWhole(group, round);
    index.wholeSchema.forEachCandidate(d.events(), sendToGroup);
    index.byOperation.get(d.op()).forEachCandidate(d.events(), sendToGroup);
    // No early return on an empty byRecord: its size can lag a concurrent compute() on another
    // thread, and a registered subscriber would be skipped.
    for (int i = 0; i < d.events().size(); i++) {
      Set<ClientSession> scoped = index.byRecord.get(keyOf(d.events().get(i)));
      if (scoped == null) {
        continue;
      }
      for (ClientSession session : scoped) {
        if (session.subscription().wants(d.op())) {
          offerSingle(session, round, i);
        }
      }
    }
    round.record(metrics);
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
    DeliveryRound round =
        new DeliveryRound(new DeliveryMessages(d, encoder, relations), MessageQueueing.AT_ONCE);
    if (!s.isRecordScoped()) {
      offerWhole(session, round);
    } else {
      for (int i = 0; i < d.events().size(); i++) {
        if (s.recordKey().equals(keyOf(d.events().get(i)))) {
          offerSingle(session, round, i);
        }
      }
      if (!round.reachedAny()) {
        session.passed(d.position());
      }
    }
    round.record(metrics);
    round.recordReplayed(metrics);
  }

  /**
   * One evaluation and one message for all sessions of the group; nothing else per session but the
   * enqueue (and, for resumable ones, the cursor variant, built once per delivery).
   */
  private static void sendWhole(ViewGroup group, DeliveryRound round) {
    String message = round.messages().whole(group.view());
    for (ClientSession session : group.sessions()) {
      if (!session.resumable() || !session.replayedAlready(round.delivery())) {
        round.queue(session, message);
      }
    }
  }

  private static void offerWhole(ClientSession session, DeliveryRound round) {
    if (session.resumable() && session.replayedAlready(round.delivery())) {
      return;
    }
    round.queue(session, round.messages().whole(session.subscription().view()));
  }

  private static void offerSingle(ClientSession session, DeliveryRound round, int i) {
    if (session.resumable() && session.replayedAlready(round.delivery())) {
      return;
    }
    round.queue(session, round.messages().single(session.subscription().view(), i));
  }

  private static String keyOf(RecordEvent e) {
    var fields = e.key().elements();
    return fields.hasNext() ? RecordKeys.ofValue(fields.next()) : null;
  }

  /** Calls {@code action} for every open session (rare operations: access changes, expiry). */
  public void forEachSession(Consumer<ClientSession> action) {
    for (SchemaIndex index : bySchema.values()) {
      index.wholeSchema.forEachSession(action);
      index.byOperation.values().forEach(slot -> slot.forEachSession(action));
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
          for (FilterKeyIndex slot : index.byOperation.values()) {
            n += slot.size();
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
