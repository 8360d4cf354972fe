package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.filter.EqualityKey;
import io.fastschema.realtime.filter.NullKey;
import io.fastschema.realtime.model.Schema;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The schema-wide subscriptions of one schema and one {@code event} slot, grouped by view ({@link
 * ViewGroup}) and indexed by the equality key of their filter ({@link EqualityKey}: a {@code $eq},
 * {@code $in} or {@code $or} of them every admitted row satisfies) or, without one, by the interval
 * their filter bounds a column to ({@link IntervalIndex}: {@code $gt}/{@code $lte}/…, a {@code
 * $like} prefix), or, without either, by a {@code $null} test of their filter ({@link NullKey}). An
 * event's candidates are the groups keyed by the values its rows have, the groups whose interval
 * holds them, the groups whose {@code $null} test the rows pass, plus the groups with none of these
 * (the scan set): the cost of an event grows with the subscriptions it may match, not with all of
 * them.
 *
 * <p>Exactness: a group is a candidate when its key's values hold the key column's value of one of
 * the rows <em>as the view will judge them</em> ({@link RecordEvent#visibleRow}: the after-image, a
 * delete's before-image). Every row a filter admits has such a value, so no admitting view is
 * missed; candidates are then evaluated in full by {@link DeliveryMessages}.
 *
 * <p>Thread-safety: writers ({@link #add}, {@link #remove}, on Jetty threads) serialize on this
 * index's lock, so an emptied group is unlinked atomically with respect to a session joining it;
 * the reader ({@link #forEachCandidate}, the dispatching thread) takes no lock and walks concurrent
 * maps, so it sees every session whose {@code add} returned before it started.
 */
final class FilterKeyIndex {

  /** Every group of this slot, by view; a session is in exactly one. */
  private final Map<SubscriptionView, ViewGroup> groups = new ConcurrentHashMap<>();

  /**
   * Groups without an equality key whose filter bounds one column to an interval ({@link
   * io.fastschema.realtime.filter.RangeKey}), by schema instance and column.
   */
  private final Map<SchemaColumn, IntervalIndex> ranges = new ConcurrentHashMap<>();

  /**
   * Groups with neither an equality key nor an indexed interval but a {@code $null} test, by schema
   * instance and column.
   */
  private final Map<SchemaColumn, NullSides> nulls = new ConcurrentHashMap<>();

  /**
   * Groups whose filter has no usable key (equality, interval, null): candidates for every event.
   */
  private final Set<ViewGroup> scan = ConcurrentHashMap.newKeySet();

  /** Keyed groups by key column, then by canonical value; a {@code $in} group is under each. */
  private final Map<SchemaColumn, KeyedValues> keyed = new ConcurrentHashMap<>();

  /** Serializes writers; never taken by the dispatching thread. */
  private final Object writeLock = new Object();

  /**
   * A column of one compiled schema. Keys compiled against the same {@link Schema} instance and
   * naming the same column read a row identically, so the first of them reads for all; a schema
   * reloaded with another type for that column makes another {@code SchemaColumn}.
   */
  private record SchemaColumn(Schema schema, String column) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SchemaColumn c && c.schema == schema && c.column.equals(column);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema) * 31 + column.hashCode();
    }
  }

  /** The groups keyed on one column, by canonical value, and the key that reads rows for all. */
  private record KeyedValues(EqualityKey reader, Map<String, Set<ViewGroup>> byValue) {}

  /**
   * The groups whose filter tests one column with {@code $null}: those that want it NULL and those
   * that want it not NULL, and the key that reads rows for all.
   */
  private record NullSides(NullKey reader, Set<ViewGroup> whenNull, Set<ViewGroup> whenNotNull) {
    Set<ViewGroup> side(boolean isNull) {
      return isNull ? whenNull : whenNotNull;
    }

    boolean isEmpty() {
      return whenNull.isEmpty() && whenNotNull.isEmpty();
    }
  }

  void add(ClientSession session) {
    SubscriptionView view = session.subscription().view();
    synchronized (writeLock) {
      ViewGroup group = groups.get(view);
      if (group == null) {
        group = new ViewGroup(view);
        link(group, session.subscription().schema());
        groups.put(view, group);
      }
      group.sessions().add(session);
    }
  }

  void remove(ClientSession session) {
    SubscriptionView view = session.subscription().view();
    synchronized (writeLock) {
      ViewGroup group = groups.get(view);
      if (group == null || !group.sessions().remove(session) || !group.sessions().isEmpty()) {
        return;
      }
      groups.remove(view);
      unlink(group, session.subscription().schema());
    }
  }

  /** Guarded by writeLock. */
  private void link(ViewGroup group, Schema schema) {
    if (group.key() == null) {
      if (group.rangeKey() != null) {
        IntervalIndex index =
            ranges.computeIfAbsent(
                new SchemaColumn(schema, group.rangeKey().column()),
                c -> new IntervalIndex(group.rangeKey()));
        if (index.accepts(group.rangeKey())) {
          index.add(group, group.rangeKey());
          return;
        }
      }
      NullKey nullKey = group.nullKey();
      if (nullKey != null) {
        nulls
            .computeIfAbsent(
                new SchemaColumn(schema, nullKey.column()),
                c ->
                    new NullSides(
                        nullKey, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet()))
            .side(nullKey.isNull())
            .add(group);
        return;
      }
      scan.add(group);
      return;
    }
    Map<String, Set<ViewGroup>> byValue =
        keyed
            .computeIfAbsent(
                new SchemaColumn(schema, group.key().column()),
                c -> new KeyedValues(group.key(), new ConcurrentHashMap<>()))
            .byValue();
    for (String value : group.key().values()) {
      byValue.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(group);
    }
  }

  /** Guarded by writeLock. */
  private void unlink(ViewGroup group, Schema schema) {
    if (group.key() == null) {
      if (scan.remove(group) || unlinkRange(group, schema)) {
        return;
      }
      NullKey nullKey = group.nullKey();
      if (nullKey != null) {
        SchemaColumn column = new SchemaColumn(schema, nullKey.column());
        NullSides sides = nulls.get(column);
        if (sides != null && sides.side(nullKey.isNull()).remove(group) && sides.isEmpty()) {
          nulls.remove(column);
        }
      }
      return;
    }
    SchemaColumn column = new SchemaColumn(schema, group.key().column());
    KeyedValues values = keyed.get(column);
    if (values == null) {
      return;
    }
    Map<String, Set<ViewGroup>> byValue = values.byValue();
    for (String value : group.key().values()) {
      Set<ViewGroup> atValue = byValue.get(value);
      if (atValue != null && atValue.remove(group) && atValue.isEmpty()) {
        byValue.remove(value);
      }
    }
    if (byValue.isEmpty()) {
      keyed.remove(column);
    }
  }

  /** Guarded by writeLock. Whether the group was in an interval index (and is no longer). */
  private boolean unlinkRange(ViewGroup group, Schema schema) {
    if (group.rangeKey() == null) {
      return false;
    }
    SchemaColumn column = new SchemaColumn(schema, group.rangeKey().column());
    IntervalIndex index = ranges.get(column);
    if (index == null || !index.remove(group)) {
      return false;
    }
    if (index.isEmpty()) {
      ranges.remove(column);
    }
    return true;
  }

  /**
   * Calls {@code visit} once for every group that may admit a row of {@code events}: every scan
   * group, each keyed group whose values hold a row's key value, each interval group whose interval
   * holds one, and each null group whose {@code $null} test a row passes.
   */
  void forEachCandidate(List<RecordEvent> events, Consumer<ViewGroup> visit) {
    scan.forEach(visit);
    // Rows of one group can reach a $in group through different values; a single row cannot
    // (a group is under one column, a row has one value there).
    Set<ViewGroup> seen =
        events.size() > 1 ? Collections.newSetFromMap(new IdentityHashMap<>()) : null;
    Consumer<ViewGroup> once =
        seen == null
            ? visit
            : g -> {
              if (seen.add(g)) {
                visit.accept(g);
              }
            };
    for (IntervalIndex index : ranges.values()) {
      for (int i = 0; i < events.size(); i++) {
        Object value = index.valueOf(events.get(i).visibleRow());
        if (value != null) {
          index.forEachContaining(value, once);
        }
      }
    }
    for (NullSides sides : nulls.values()) {
      for (int i = 0; i < events.size(); i++) {
        sides.side(sides.reader().rowHasNull(events.get(i).visibleRow())).forEach(once);
      }
    }
    for (KeyedValues column : keyed.values()) {
      EqualityKey reader = column.reader();
      for (int i = 0; i < events.size(); i++) {
        String value = reader.valueOf(events.get(i).visibleRow());
        Set<ViewGroup> atValue = value == null ? null : column.byValue().get(value);
        if (atValue == null) {
          continue;
        }
        for (ViewGroup group : atValue) {
          if (seen == null || seen.add(group)) {
            visit.accept(group);
          }
        }
      }
    }
  }

  void forEachSession(Consumer<ClientSession> action) {
    groups.values().forEach(g -> g.sessions().forEach(action));
  }

  /** Open sessions; walks the groups, so for scrapes and tests, not the hot path. */
  int size() {
    int n = 0;
    for (ViewGroup g : groups.values()) {
      n += g.sessions().size();
    }
    return n;
  }
}
