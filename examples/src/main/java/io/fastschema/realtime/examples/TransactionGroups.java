package io.fastschema.realtime.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds FastSchema's message grouping from record events: a group is a maximal run of
 * consecutive changes of one table with one operation in one transaction. Every event names its
 * group's first change ({@code txn.group_start}); the group's last event says so ({@code
 * last_in_group}) and the group then has {@code order - group_start + 1} events, which may arrive
 * on different partitions in any interleaving. A group is handed out once all its events are in,
 * sorted by {@code txn.order}.
 *
 * <p>Groups never span topics (one table per group), so a consumer of one topic completes every
 * group of it. Whether a whole transaction that touched several schemas is complete cannot be known
 * from the events today (no per-transaction count or end marker).
 */
public final class TransactionGroups {

  /** One group of one transaction, in order. */
  public record Group(String txId, String table, String op, List<JsonNode> events) {}

  private record GroupKey(String txId, long groupStart) {}

  private static final class Pending {
    final List<JsonNode> events = new ArrayList<>();
    long expected = -1;
  }

  private final Map<GroupKey, Pending> pending = new HashMap<>();

  /** Takes one (deduplicated) event; returns its group if this event completed it, else null. */
  public Group offer(JsonNode event) {
    JsonNode txn = event.get("txn");
    GroupKey key = new GroupKey(txn.get("id").asText(), txn.get("group_start").asLong());
    Pending p = pending.computeIfAbsent(key, k -> new Pending());
    p.events.add(event);
    if (txn.get("last_in_group").asBoolean()) {
      p.expected = txn.get("order").asLong() - key.groupStart() + 1;
    }
    if (p.expected < 0 || p.events.size() < p.expected) {
      return null;
    }
    pending.remove(key);
    p.events.sort(Comparator.comparingLong(e -> e.get("txn").get("order").asLong()));
    JsonNode first = p.events.get(0);
    for (JsonNode e : p.events) {
      if (!Objects.equals(e.get("table"), first.get("table"))
          || !Objects.equals(e.get("op"), first.get("op"))) {
        throw new IllegalStateException(
            "group " + key + " mixes tables or operations: " + p.events);
      }
    }
    return new Group(
        key.txId(), first.get("table").asText(), first.get("op").asText(), List.copyOf(p.events));
  }

  /** Groups whose events have not all arrived yet. */
  public int incomplete() {
    return pending.size();
  }
}
