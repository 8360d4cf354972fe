package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the record events of one transaction group into the {@link HookCall} FastSchema would
 * have made for that statement. A group is complete once its last event arrived and all {@code
 * groupSize} events are in, whatever order partitioning delivered them in.
 *
 * <p>Not thread-safe: fed by the one Kafka thread.
 */
final class HookCallAssembler {

  private final Map<String, Pending> pending = new HashMap<>();

  /** The completed call, once {@code event} completes its group. */
  Optional<HookCall> accept(RecordEvent event) {
    String group = event.table() + "/" + event.txn().id() + "/" + event.txn().groupStart();
    Pending p = pending.computeIfAbsent(group, g -> new Pending(event.schema(), event.op()));
    p.events.put(event.txn().order(), event);
    if (event.txn().lastInGroup()) {
      p.size = event.txn().groupSize();
    }
    if (p.size < 0 || p.events.size() < p.size) {
      return Optional.empty();
    }
    pending.remove(group);
    List<JsonNode> ids = new ArrayList<>();
    List<ObjectNode> deleted = new ArrayList<>();
    p.events.values().stream()
        .sorted((a, b) -> Long.compare(a.txn().order(), b.txn().order()))
        .forEach(
            e -> {
              ids.add(e.key().elements().next());
              if (e.op() == Operation.DELETE) {
                deleted.add(e.before());
              }
            });
    return Optional.of(new HookCall(p.schema, p.op, List.copyOf(ids), List.copyOf(deleted)));
  }

  /** Groups still waiting for events (should stay near zero). */
  int incomplete() {
    return pending.size();
  }

  private static final class Pending {
    final String schema;
    final Operation op;
    final Map<Long, RecordEvent> events = new HashMap<>();
    long size = -1;

    Pending(String schema, Operation op) {
      this.schema = schema;
      this.op = op;
    }
  }
}
