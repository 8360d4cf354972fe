package io.fastschema.realtime.fanout.relations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.filter.RelatedRows;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rows of the tables open relation subscriptions reach, from the state topics, answering {@link
 * RelatedRows} the way FastSchema's SQL joins: the FK side's {@code fk = target.pk}, the collection
 * side's {@code pk = target.fk} (through the back-reference), m2m through the junction rows. Values
 * join on their JSON text; a NULL joins nothing.
 *
 * <p>Consistency (RELATIONS.md): {@link #current()} is every state record read so far, which covers
 * at least the transaction of every content event read before the last catch-up; {@link
 * #before(long)} is the state as it stood before a transaction (for deletes, so that a cascade in
 * the delete's own transaction does not empty its relations), exact while the superseded versions
 * are within the history window.
 *
 * <p>Thread-safety: one writer, the consumer thread ({@link #apply}, {@link #expire}); reads from
 * any thread.
 */
public final class RelationStore {

  private final Map<String, TableState> tables = new ConcurrentHashMap<>();
  private final Function<String, Optional<Schema>> schemas;
  private final long historyNanos;

  /** Deleted rows to forget once the window has passed, oldest first; writer only. */
  private final Deque<Deletion> deletions = new ArrayDeque<>();

  private record Deletion(String table, String key, long atNanos) {}

  /**
   * @param schemas the live catalog's schemas by name
   * @param historyNanos how long superseded and deleted versions are kept for {@link #before}
   */
  public RelationStore(Function<String, Optional<Schema>> schemas, long historyNanos) {
    this.schemas = schemas;
    this.historyNanos = historyNanos;
  }

  public boolean tracks(String table) {
    return tables.containsKey(table);
  }

  public boolean tracksAll(Set<String> names) {
    for (String table : names) {
      if (!tables.containsKey(table)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies one record of a state topic; {@code record} null is a tombstone. Writer only.
   *
   * @param key the record's key text ({@code StateRecordCodec.keyText})
   */
  public void apply(String table, String key, StateRecord record, long nowNanos) {
    TableState state = tables.get(table);
    if (state != null && applyTo(state, key, record, nowNanos, historyNanos)) {
      remember(table, key, nowNanos);
    }
  }

  /**
   * A table read off the consumer thread (its first load: from the topic's beginning), installed
   * whole by {@link #install} once read.
   */
  public TableLoad startLoad(String table) {
    return new TableLoad(table, new TableState(), historyNanos);
  }

  /** Makes a loaded table visible to readers. Writer only. */
  public void install(TableLoad load) {
    tables.putIfAbsent(load.table(), load.state());
  }

  /**
   * @return whether the row is deleted now (to be forgotten once the window has passed)
   */
  static boolean applyTo(
      TableState state, String key, StateRecord record, long nowNanos, long historyNanos) {
    if (record == null) {
      if (state.row(key, Long.MAX_VALUE) == null) {
        return false;
      }
      // Compaction removed the delete record and kept its tombstone: deleted at an unknown
      // position, so treated as deleted for every reader.
      state.apply(key, new RowVersion(Long.MIN_VALUE, null, nowNanos), historyNanos);
      return true;
    }
    if (record.isDelete()) {
      state.apply(key, new RowVersion(record.position(), null, nowNanos), historyNanos);
      return true;
    }
    state.apply(key, new RowVersion(record.position(), record.row(), nowNanos), historyNanos);
    return false;
  }

  private void remember(String table, String key, long nowNanos) {
    deletions.addLast(new Deletion(table, key, nowNanos));
  }

  /** Forgets deleted rows older than the window. Writer only. */
  public void expire(long nowNanos) {
    while (!deletions.isEmpty() && nowNanos - deletions.peekFirst().atNanos() > historyNanos) {
      Deletion d = deletions.pollFirst();
      TableState state = tables.get(d.table());
      if (state != null) {
        state.forgetIfDeleted(d.key(), nowNanos, historyNanos);
      }
    }
  }

  /** Rows held, over every table. */
  public long rows() {
    long n = 0;
    for (TableState t : tables.values()) {
      n += t.size();
    }
    return n;
  }

  /** An estimate of the heap the held rows take. */
  public long bytes() {
    long n = 0;
    for (TableState t : tables.values()) {
      n += t.bytes();
    }
    return n;
  }

  /** Related rows as they stand now: for creates and updates. */
  public RelatedRows current() {
    return new Reader(Long.MAX_VALUE);
  }

  /**
   * Related rows as they stood before the transaction whose order key is {@code position}: for a
   * delete of that transaction.
   */
  public RelatedRows before(long position) {
    return new Reader(position);
  }

  /** Reads the store as of one position. */
  private final class Reader implements RelatedRows {

    private final long beforePosition;

    Reader(long beforePosition) {
      this.beforePosition = beforePosition;
    }

    @Override
    public List<ObjectNode> related(Schema schema, Field field, ObjectNode row) {
      Relation relation = field.relation();
      Schema target = schemas.apply(relation.targetSchema()).orElse(null);
      if (target == null) {
        return List.of();
      }
      TableState targets = tables.get(target.table());
      if (targets == null) {
        throw new IllegalStateException(
            "relation state of " + target.table() + " is not loaded on this node");
      }
      String targetPk = target.primaryKey().name();
      List<ObjectNode> out = new ArrayList<>();
      if (relation.type() == RelationType.M2M) {
        TableState links = tables.get(relation.junctionTable());
        if (links == null) {
          throw new IllegalStateException(
              "relation state of " + relation.junctionTable() + " is not loaded on this node");
        }
        String id = TableState.text(row, schema.primaryKey().name());
        if (id == null) {
          return out;
        }
        for (String linkKey : links.keysWhere(relation.targetColumn(), id)) {
          ObjectNode link = links.row(linkKey, beforePosition);
          if (link != null && id.equals(TableState.text(link, relation.targetColumn()))) {
            addIfPresent(out, targets, TableState.text(link, relation.sourceColumn()));
          }
        }
      } else if (relation.holdsForeignKey()) {
        String value = TableState.text(row, relation.sourceColumn());
        if (value == null) {
          return out;
        }
        if (relation.targetColumn() == null || relation.targetColumn().equals(targetPk)) {
          addIfPresent(out, targets, value);
        } else {
          addWhere(out, targets, relation.targetColumn(), value);
        }
      } else {
        Relation back = target.field(relation.backField()).map(Field::relation).orElse(null);
        if (back == null) {
          return out;
        }
        String value = TableState.text(row, back.targetColumn());
        if (value != null) {
          addWhere(out, targets, back.sourceColumn(), value);
        }
      }
      if (out.size() > 1) {
        out.sort(byKey(targetPk));
      }
      return out;
    }

    private void addIfPresent(List<ObjectNode> out, TableState targets, String key) {
      if (key == null) {
        return;
      }
      ObjectNode target = targets.row(key, beforePosition);
      if (target != null) {
        out.add(target);
      }
    }

    private void addWhere(List<ObjectNode> out, TableState targets, String column, String value) {
      for (String key : targets.keysWhere(column, value)) {
        ObjectNode target = targets.row(key, beforePosition);
        if (target != null && value.equals(TableState.text(target, column))) {
          out.add(target);
        }
      }
    }
  }

  /** Primary-key order: numbers by value, anything else by text. */
  private static Comparator<ObjectNode> byKey(String pk) {
    return (a, b) -> {
      JsonNode x = a.get(pk);
      JsonNode y = b.get(pk);
      if (x != null && y != null && x.isNumber() && y.isNumber()) {
        return x.decimalValue().compareTo(y.decimalValue());
      }
      return String.valueOf(x == null ? null : x.asText())
          .compareTo(String.valueOf(y == null ? null : y.asText()));
    };
  }
}
