package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.filter.RangeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * View groups indexed by the interval of their filter ({@link RangeKey}) on one column: given a
 * row's value, visits the groups whose interval contains it in {@code O(log n + k)}, so that range
 * filters ({@code $gt}, {@code $lte}, {@code $like 'prefix%'}, …) cost what they match rather than
 * one evaluation per subscription.
 *
 * <p>Structure: an immutable centered interval tree (each node holds the intervals that contain its
 * center, sorted by lower bound ascending and by upper bound descending; the others go to the left
 * or right subtree) built from all groups, plus the groups added since the build, checked one by
 * one. The tree is rebuilt when those exceed an eighth of the tree (at most 1,024, at least 64),
 * which keeps both the per-event scan and the rebuild cost per added group small. Removed groups
 * stay in the tree, marked, until the next rebuild.
 *
 * <p>Thread-safety: writers ({@link #add}, {@link #remove}) are serialized by the caller ({@link
 * FilterKeyIndex}'s writer lock); the reader ({@link #forEachContaining}, the dispatching thread)
 * takes no lock: it reads a volatile tree and a concurrent set.
 */
final class IntervalIndex {

  /** Groups checked one by one before they go into a tree. */
  private static final int PENDING = 64;

  /** An indexed group with its interval; {@code removed} is set once, by a writer. */
  private static final class Entry {
    final ViewGroup group;
    final RangeKey key;
    volatile boolean removed;

    Entry(ViewGroup group, RangeKey key) {
      this.group = group;
      this.key = key;
    }
  }

  /**
   * A node of the centered interval tree; immutable once built. A null center marks a leaf whose
   * {@code byLower} entries are checked one by one.
   */
  private record Node(
      Object center, Entry[] byLower, Entry[] byUpperDescending, Node left, Node right) {}

  /** Orders values and bounds (the first key's column type: all keys here share it). */
  private final RangeKey order;

  /** A built tree and the entries it was built from (to merge them into a larger one). */
  private record Level(Node root, List<Entry> entries) {}

  /**
   * The levels (null where empty) and the entries added since, published together: a reader that
   * took one generation sees every entry exactly once, even while a writer rebuilds.
   */
  private record Generation(List<Level> levels, Set<Entry> pending) {}

  private final java.util.Map<ViewGroup, Entry> entries = new ConcurrentHashMap<>();
  private volatile Generation generation = new Generation(List.of(), ConcurrentHashMap.newKeySet());

  /** Entries in trees, removed ones included; writers only. */
  private int inTrees;

  private int removedInTrees;

  IntervalIndex(RangeKey order) {
    this.order = order;
  }

  /** The row's value of the indexed column, as the filters compare it; null for SQL NULL. */
  Object valueOf(com.fasterxml.jackson.databind.node.ObjectNode row) {
    return order.valueOf(row);
  }

  /** Whether this index orders values as {@code key} does (same column and type). */
  boolean accepts(RangeKey key) {
    return order.sameOrderAs(key);
  }

  void add(ViewGroup group, RangeKey key) {
    Entry e = new Entry(group, key);
    entries.put(group, e);
    Set<Entry> pending = generation.pending();
    pending.add(e);
    if (pending.size() >= PENDING) {
      carry();
    }
  }

  /** Removes the group; false when it was not here. */
  boolean remove(ViewGroup group) {
    Entry e = entries.remove(group);
    if (e == null) {
      return false;
    }
    e.removed = true;
    if (!generation.pending().remove(e)) {
      removedInTrees++;
      if (removedInTrees > Math.max(PENDING, inTrees / 2)) {
        rebuildAll();
      }
    }
    return true;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Calls {@code visit} for every group whose interval contains {@code value} (non-null). */
  void forEachContaining(Object value, Consumer<ViewGroup> visit) {
    Generation g = generation;
    for (Entry e : g.pending()) {
      if (!e.removed && e.key.contains(value)) {
        visit.accept(e.group);
      }
    }
    for (Level level : g.levels()) {
      if (level != null) {
        query(level.root(), value, visit);
      }
    }
  }

  private void query(Node root, Object value, Consumer<ViewGroup> visit) {
    Node node = root;
    while (node != null) {
      if (node.center == null) {
        for (Entry e : node.byLower) {
          if (!e.removed && e.key.contains(value)) {
            visit.accept(e.group);
          }
        }
        return;
      }
      int c = compare(value, node.center);
      if (c == 0) {
        visitAll(node.byLower, visit);
        return;
      }
      if (c < 0) {
        // Every interval here reaches the center, above the value: only the lower bound decides.
        visitWhile(node.byLower, key -> startsAtOrBelow(key, value), visit);
        node = node.left;
      } else {
        visitWhile(node.byUpperDescending, key -> endsAtOrAbove(key, value), visit);
        node = node.right;
      }
    }
  }

  /** Visits the entries in order until the first whose key fails {@code holds}. */
  private static void visitWhile(
      Entry[] entries, java.util.function.Predicate<RangeKey> holds, Consumer<ViewGroup> visit) {
    for (Entry e : entries) {
      if (!holds.test(e.key)) {
        return;
      }
      if (!e.removed) {
        visit.accept(e.group);
      }
    }
  }

  private static void visitAll(Entry[] entries, Consumer<ViewGroup> visit) {
    for (Entry e : entries) {
      if (!e.removed) {
        visit.accept(e.group);
      }
    }
  }

  /** Merges the pending entries with levels 0, 1, … up to the first empty one, into that one. */
  private void carry() {
    Generation g = generation;
    List<Entry> merged = live(g.pending());
    List<Level> levels = new ArrayList<>(g.levels());
    int i = 0;
    while (i < levels.size() && levels.get(i) != null) {
      Level level = levels.get(i);
      inTrees -= level.entries().size();
      removedInTrees -= level.entries().size() - live(level.entries()).size();
      merged.addAll(live(level.entries()));
      levels.set(i, null);
      i++;
    }
    if (i == levels.size()) {
      levels.add(null);
    }
    levels.set(i, new Level(build(merged), merged));
    inTrees += merged.size();
    generation =
        new Generation(
            java.util.Collections.unmodifiableList(levels), ConcurrentHashMap.newKeySet());
  }

  /** Everything live into one tree (many removals made the levels mostly dead weight). */
  private void rebuildAll() {
    List<Entry> all = new ArrayList<>(entries.values());
    List<Level> levels = new ArrayList<>();
    int i = 0;
    while ((long) PENDING << i < all.size()) {
      levels.add(null);
      i++;
    }
    levels.add(new Level(build(all), all));
    inTrees = all.size();
    removedInTrees = 0;
    generation =
        new Generation(
            java.util.Collections.unmodifiableList(levels), ConcurrentHashMap.newKeySet());
  }

  private static List<Entry> live(java.util.Collection<Entry> entries) {
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (!e.removed) {
        out.add(e);
      }
    }
    return out;
  }

  private Node build(List<Entry> list) {
    if (list.isEmpty()) {
      return null;
    }
    List<Object> endpoints = new ArrayList<>(list.size() * 2);
    for (Entry e : list) {
      if (e.key.lower() != null) {
        endpoints.add(e.key.lower());
      }
      if (e.key.upper() != null) {
        endpoints.add(e.key.upper());
      }
    }
    Comparator<Object> byValue = this::compare;
    endpoints.sort(byValue);
    Object center = endpoints.get(endpoints.size() / 2);
    List<Entry> left = new ArrayList<>();
    List<Entry> right = new ArrayList<>();
    List<Entry> here = new ArrayList<>();
    for (Entry e : list) {
      if (!endsAtOrAbove(e.key, center)) {
        left.add(e);
      } else if (!startsAtOrBelow(e.key, center)) {
        right.add(e);
      } else {
        here.add(e);
      }
    }
    if (left.size() == list.size() || right.size() == list.size()) {
      // The center is an exclusive bound of every interval (few, degenerate intervals): a leaf
      // whose entries are checked one by one, rather than a split that would not shrink.
      return new Node(null, list.toArray(new Entry[0]), null, null, null);
    }
    Entry[] byLower = here.toArray(new Entry[0]);
    java.util.Arrays.sort(byLower, this::compareLower);
    Entry[] byUpper = here.toArray(new Entry[0]);
    java.util.Arrays.sort(byUpper, (a, b) -> compareUpper(b, a));
    return new Node(center, byLower, byUpper, build(left), build(right));
  }

  /** Lower bounds ascending; unbounded first; at equal bounds the inclusive one first. */
  private int compareLower(Entry a, Entry b) {
    Object x = a.key.lower();
    Object y = b.key.lower();
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    int c = compare(x, y);
    return c != 0 ? c : Boolean.compare(b.key.lowerInclusive(), a.key.lowerInclusive());
  }

  /** Upper bounds ascending; unbounded last; at equal bounds the exclusive one first. */
  private int compareUpper(Entry a, Entry b) {
    Object x = a.key.upper();
    Object y = b.key.upper();
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    int c = compare(x, y);
    return c != 0 ? c : Boolean.compare(a.key.upperInclusive(), b.key.upperInclusive());
  }

  private static boolean startsAtOrBelow(RangeKey key, Object value) {
    if (key.lower() == null) {
      return true;
    }
    int c = key.compare(key.lower(), value);
    return c < 0 || (c == 0 && key.lowerInclusive());
  }

  private static boolean endsAtOrAbove(RangeKey key, Object value) {
    if (key.upper() == null) {
      return true;
    }
    int c = key.compare(key.upper(), value);
    return c > 0 || (c == 0 && key.upperInclusive());
  }

  private int compare(Object a, Object b) {
    return order.compare(a, b);
  }
}
