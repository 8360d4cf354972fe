package io.fastschema.realtime.fanout.relations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows of one table, each with the versions superseded within the history window, and indexes
 * by column value built on first use (the FK columns that relation joins read).
 *
 * <p>Thread-safety: one writer (the consumer thread); readers on any thread see each key's versions
 * as an immutable list, swapped whole.
 */
final class TableState {

  private final Map<String, List<RowVersion>> rows = new ConcurrentHashMap<>();

  /** Column → value text → keys with a retained version holding that value. */
  private final Map<String, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();

  /** Sum of the retained rows' JSON sizes, an estimate of the memory they hold. */
  private long bytes;

  int size() {
    return rows.size();
  }

  long bytes() {
    return bytes;
  }

  /** Appends a version; keeps older ones only while their successor is younger than the window. */
  void apply(String key, RowVersion version, long historyNanos) {
    List<RowVersion> before = rows.getOrDefault(key, List.of());
    List<RowVersion> after = new ArrayList<>(before.size() + 1);
    for (int i = 0; i < before.size(); i++) {
      RowVersion next = i + 1 < before.size() ? before.get(i + 1) : version;
      if (version.arrivedNanos() - next.arrivedNanos() <= historyNanos) {
        after.add(before.get(i));
      }
    }
    after.add(version);
    replace(key, before, List.copyOf(after));
  }

  /** Drops a deleted row whose deletion is older than the window. */
  void forgetIfDeleted(String key, long nowNanos, long historyNanos) {
    List<RowVersion> versions = rows.get(key);
    if (versions == null) {
      return;
    }
    RowVersion last = versions.get(versions.size() - 1);
    if (last.row() == null && nowNanos - last.arrivedNanos() > historyNanos) {
      replace(key, versions, List.of());
    }
  }

  private void replace(String key, List<RowVersion> before, List<RowVersion> after) {
    for (var index : indexes.entrySet()) {
      Set<String> was = values(before, index.getKey());
      Set<String> is = values(after, index.getKey());
      for (String v : was) {
        if (!is.contains(v)) {
          index.getValue().computeIfPresent(v, (k, keys) -> without(keys, key));
        }
      }
      for (String v : is) {
        if (!was.contains(v)) {
          index.getValue().merge(v, Set.of(key), TableState::union);
        }
      }
    }
    bytes += weight(after) - weight(before);
    if (after.isEmpty()) {
      rows.remove(key);
    } else {
      rows.put(key, after);
    }
  }

  /** The row under {@code key} now (null: none), or as it stood before {@code position}. */
  ObjectNode row(String key, long beforePosition) {
    List<RowVersion> versions = rows.get(key);
    if (versions == null) {
      return null;
    }
    for (int i = versions.size() - 1; i >= 0; i--) {
      RowVersion v = versions.get(i);
      if (v.position() < beforePosition) {
        return v.row();
      }
    }
    return null;
  }

  /** Keys of the rows that hold (or held, within the window) {@code value} in {@code column}. */
  Set<String> keysWhere(String column, String value) {
    Map<String, Set<String>> index = indexes.get(column);
    if (index == null) {
      index = build(column);
    }
    return index.getOrDefault(value, Set.of());
  }

  private Map<String, Set<String>> build(String column) {
    Map<String, Set<String>> index = new ConcurrentHashMap<>();
    rows.forEach(
        (key, versions) -> {
          for (String v : values(versions, column)) {
            index.merge(v, Set.of(key), TableState::union);
          }
        });
    // Readers on other threads may build it too; the consumer thread's copy is the one kept
    // current from here on (putIfAbsent keeps the first, later writes update it).
    Map<String, Set<String>> raced = indexes.putIfAbsent(column, index);
    return raced == null ? index : raced;
  }

  private static Set<String> values(List<RowVersion> versions, String column) {
    Set<String> out = new HashSet<>(2);
    for (RowVersion v : versions) {
      String text = text(v.row(), column);
      if (text != null) {
        out.add(text);
      }
    }
    return out;
  }

  static String text(ObjectNode row, String column) {
    if (row == null) {
      return null;
    }
    JsonNode value = row.get(column);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * Estimated heap of the versions: per row ~96 bytes of list, version and object node, per field
   * ~80 of map entry and value node, plus the characters of text values (compact strings).
   */
  private static long weight(List<RowVersion> versions) {
    long sum = 0;
    for (RowVersion v : versions) {
      sum += 32;
      if (v.row() != null) {
        sum += 96;
        for (JsonNode value : v.row()) {
          sum += 80 + (value.isTextual() ? value.textValue().length() : 0);
        }
      }
    }
    return sum;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static Set<String> without(Set<String> keys, String key) {
    if (!keys.contains(key)) {
      return keys;
    }
    Set<String> out = new HashSet<>(keys);
    out.remove(key);
    return out.isEmpty() ? null : Set.copyOf(out);
  }
}
