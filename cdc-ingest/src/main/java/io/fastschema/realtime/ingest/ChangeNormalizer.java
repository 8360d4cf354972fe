package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RelationStateTopic;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.StateRecord;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.security.SecurityTopic;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads Debezium PostgreSQL change records (with transaction metadata) into {@link SourceChange}s.
 *
 * <p>Not thread-safe: corrects transactions resumed in the middle ({@link ResumedTransaction}); one
 * instance per engine run, used by its handler thread.
 */
final class ChangeNormalizer {

  /**
   * The header Debezium's binlog connectors put on the create half of a primary-key change (the
   * delete half carries {@code __debezium.newkey}): both come from one binlog row.
   */
  private static final String KEY_CHANGE_CREATE_HEADER = "__debezium.oldkey";

  private static final String TX_METADATA_SUFFIX = "TransactionMetadataValue";

  private final SchemaCatalog catalog;

  /** Tables whose before-images are complete (REPLICA IDENTITY FULL). */
  private final Set<String> fullIdentityTables;

  private final RowEncoder encoder;
  private final Clock clock;

  /** FastSchema's DB_USE_SOFT_DELETES: deleted_at transitions are deletes and restores. */
  private final boolean softDeletes;

  /** Whether records come from a MySQL/MariaDB binlog (else PostgreSQL's WAL). */
  private final boolean binlog;

  /** Captured tables with a relation state topic ({@link RelationStateTopic#tables}). */
  private final Set<String> stateTables;

  private final ResumedTransaction resumed;

  /** The record {@link #ordered} was read from: the last one asked about. */
  private SourceRecord orderedRecord;

  private TransactionOrder ordered;

  ChangeNormalizer(
      SchemaCatalog catalog,
      Set<String> fullIdentityTables,
      RowEncoder encoder,
      Clock clock,
      boolean softDeletes,
      boolean binlog,
      Set<String> stateTables,
      ResumedTransaction resumed) {
    this.softDeletes = softDeletes;
    this.binlog = binlog;
    this.stateTables = Set.copyOf(stateTables);
    this.resumed = resumed;
    this.catalog = catalog;
    this.fullIdentityTables = Set.copyOf(fullIdentityTables);
    this.encoder = encoder;
    this.clock = clock;
  }

  SourceChange normalize(SourceRecord record) {
    if (!(record.value() instanceof Struct value)) {
      return new SourceChange.Ignored("no value (tombstone)");
    }
    TransactionOrder counted = transactionOrderOf(record);
    String schemaName = value.schema().name();
    if (schemaName != null && schemaName.endsWith(TX_METADATA_SUFFIX)) {
      return "END".equals(value.getString("status"))
          ? new SourceChange.TransactionEnd(txIdOf(value.getString("id")))
          : new SourceChange.Ignored("transaction " + value.getString("status"));
    }
    if (value.schema().field("op") == null || value.schema().field("source") == null) {
      return new SourceChange.Ignored("not a row change: " + schemaName);
    }
    Struct source = value.getStruct("source");
    String table = source.getString("table");
    if ("t".equals(value.getString("op"))) {
      return truncated(table, positionOf(source, record));
    }
    if ("r".equals(value.getString("op"))) {
      return snapshotRow(table, value.getStruct("after"));
    }
    Operation op = operationOf(value.getString("op"));
    if (op == null) {
      return new SourceChange.Ignored("operation " + value.getString("op"));
    }
    if (SecurityTopic.ROLES_USERS.equals(table)) {
      return membershipChange(op, value, record);
    }
    if (catalog.isJunctionTable(table)) {
      return junctionChange(table, op, value, record);
    }
    Schema schema = contentSchemaOf(table);
    if (schema == null) {
      return new SourceChange.Ignored("table " + table + " is not a content table");
    }
    Struct beforeRow = value.getStruct("before");
    Struct afterRow = value.getStruct("after");
    boolean full = fullIdentityTables.contains(table);
    if (full
        && op == Operation.DELETE
        && beforeRow != null
        && KeyOnlyImage.holdsOnlyTheKey(beforeRow, schema.primaryKey().name())) {
      full = false; // the identity was changed since ingest started: only the key is real
    }
    RowImage before =
        beforeRow == null
            ? null
            : full
                ? RowImage.row(encoder, schema, beforeRow)
                : RowImage.keyOnly(encoder, schema, beforeRow);
    RowImage after = afterRow == null ? null : RowImage.row(encoder, schema, afterRow);
    if (op == Operation.UPDATE && !full) {
      before = null; // without FULL identity PostgreSQL sends no old row (or only the key)
    }
    if (softDeletes && op == Operation.UPDATE && schema.hasTimestamps()) {
      SoftDelete kind = SoftDelete.of(before, after, full);
      if (kind == SoftDelete.HIDDEN) {
        return new SourceChange.Ignored("update of a soft-deleted row of " + table);
      }
      if (kind == SoftDelete.DELETED) {
        op = Operation.DELETE;
        before = before != null ? before : after;
        after = null;
      } else if (kind == SoftDelete.RESTORED) {
        op = Operation.CREATE;
        before = null;
      }
    }
    RowImage key = RowImage.keyOf(schema, op == Operation.DELETE ? before : after);
    Struct txn = value.getStruct("transaction");
    if (txn == null) {
      throw new IllegalStateException(
          "change of "
              + table
              + " at lsn "
              + source.get("lsn")
              + " has no transaction block: provide.transaction.metadata must be true");
    }
    String txId = txIdOf(txn.getString("id"));
    SourcePosition position = positionOf(source, record);
    int indexInRecord =
        binlog
            ? BinlogPosition.of(source, record.sourceOffset())
                .indexOf(record.headers().lastWithName(KEY_CHANGE_CREATE_HEADER) != null)
            : LogRecordNumbering.UNNUMBERED;
    return new SourceChange.Row(
        new ChangeDraft(
            schema.name(),
            table,
            op,
            key,
            before,
            after,
            txId,
            counted.order(),
            position,
            indexInRecord));
  }

  /**
   * A data change's transaction, the change's order in it and the transaction's previous commit LSN
   * ({@code source.prev_commit_lsn}; binlog: its position), corrected after a resume.
   */
  record TransactionOrder(String txId, long order, long prevCommitLsn) {}

  /**
   * The transaction of a data change record (rows of every captured table, junction rows included,
   * count in Debezium's {@code total_order}); null for other records.
   */
  TransactionOrder transactionOrderOf(SourceRecord record) {
    // Asked up to three times per record (here, its position, the publisher): read it once.
    if (record != orderedRecord) {
      ordered = readTransactionOrder(record);
      orderedRecord = record;
    }
    return ordered;
  }

  private TransactionOrder readTransactionOrder(SourceRecord record) {
    if (!(record.value() instanceof Struct value)
        || value.schema().field("transaction") == null
        || value.schema().field("source") == null) {
      return null;
    }
    Struct txn = value.getStruct("transaction");
    if (txn == null) {
      return null;
    }
    String txId = txIdOf(txn.getString("id"));
    long order = resumed.order(txId, txn.getInt64("total_order"));
    Struct source = value.getStruct("source");
    long prevCommitLsn =
        binlog
            ? BinlogPosition.of(source, record.sourceOffset()).transaction()
            : TransactionIds.previousCommitLsnOf(source.getString("sequence"));
    return new TransactionOrder(txId, order, resumed.prevCommitLsn(txId, prevCommitLsn));
  }

  /**
   * PostgreSQL's transaction id is the xid (Debezium may suffix {@code :<lsn>}); a binlog
   * transaction id (a GTID such as {@code 0-1-42}, or {@code file:pos}) is kept whole.
   */
  private String txIdOf(String debeziumTxId) {
    return binlog ? debeziumTxId : TransactionIds.xidOf(debeziumTxId);
  }

  /**
   * roles_users has no content events; its rows feed the security topic and, as the junction of
   * {@code user.roles}, its relation state topic.
   */
  private SourceChange membershipChange(Operation op, Struct value, SourceRecord record) {
    Struct image = value.getStruct(op == Operation.DELETE ? "before" : "after");
    if (image == null) {
      return new SourceChange.Ignored("roles_users change without a row image");
    }
    ObjectNode full = encoder.encodeUntyped(image);
    ObjectNode row = SecurityTopic.project(SecurityTopic.ROLES_USERS, full);
    StateRecord state =
        stateTables.contains(SecurityTopic.ROLES_USERS)
            ? junctionState(SecurityTopic.ROLES_USERS, op, full, value, record)
            : null;
    return new SourceChange.SecurityRow(
        SecurityTopic.ROLES_USERS,
        SecurityTopic.keyOf(SecurityTopic.ROLES_USERS, row),
        op == Operation.DELETE ? null : row,
        state);
  }

  /** A junction row's change: relation state only (FastSchema sends no realtime event for it). */
  private SourceChange junctionChange(
      String table, Operation op, Struct value, SourceRecord record) {
    Struct image = value.getStruct(op == Operation.DELETE ? "before" : "after");
    if (image == null) {
      return new SourceChange.Ignored(table + " change without a row image");
    }
    return new SourceChange.StateRow(
        junctionState(table, op, encoder.encodeUntyped(image), value, record));
  }

  private StateRecord junctionState(
      String table, Operation op, ObjectNode row, Struct value, SourceRecord record) {
    Struct source = value.getStruct("source");
    SourcePosition at = positionOf(source, record);
    // The binlog gives one position per rows event, which holds many rows (a blog saved with three
    // tags is one event of three junction rows): the row's index keeps their ids apart.
    int index = binlog ? BinlogPosition.of(source, record.sourceOffset()).indexOf(false) : 0;
    return new StateRecord(
        table,
        StateRecordCodec.keyOf(row, junctionColumns(table)),
        op.wireName(),
        row,
        RecordEvent.idOf(at.prevCommitLsn(), at.lsn(), index),
        at.prevCommitLsn(),
        at.commitTimeMs());
  }

  /**
   * A row of Debezium's initial snapshot: only tables relations reach are snapshotted, and only for
   * their state topics; existing rows are never content events.
   */
  private SourceChange snapshotRow(String table, Struct after) {
    if (after == null || !stateTables.contains(table)) {
      return new SourceChange.Ignored("snapshot row of " + table);
    }
    ObjectNode row;
    ObjectNode key;
    Schema schema = catalog.schemaForTable(table).orElse(null);
    if (schema != null) {
      row = encoder.encode(schema, after);
      key = RowImage.keyOf(schema, row);
    } else {
      row = encoder.encodeUntyped(after);
      key = StateRecordCodec.keyOf(row, junctionColumns(table));
    }
    return new SourceChange.StateRow(
        new StateRecord(table, key, StateRecord.SNAPSHOT, row, null, 0, 0));
  }

  private List<String> junctionColumns(String table) {
    return catalog
        .junctionTable(table)
        .map(j -> List.of(j.leftColumn(), j.rightColumn()))
        .orElse(SecurityTopic.columns(SecurityTopic.ROLES_USERS));
  }

  private SourcePosition positionOf(Struct source, SourceRecord record) {
    TransactionOrder counted = transactionOrderOf(record);
    if (binlog) {
      BinlogPosition at = BinlogPosition.of(source, record.sourceOffset());
      return new SourcePosition(
          at.event(),
          counted == null ? at.transaction() : counted.prevCommitLsn(),
          source.getInt64("ts_ms"),
          clock.millis());
    }
    return new SourcePosition(
        source.getInt64("lsn"),
        counted == null
            ? TransactionIds.previousCommitLsnOf(source.getString("sequence"))
            : counted.prevCommitLsn(),
        source.getInt64("ts_ms"),
        clock.millis());
  }

  private SourceChange truncated(String table, SourcePosition at) {
    Schema schema = contentSchemaOf(table);
    if (schema == null && !SecurityTopic.isSecurityTable(table) && !stateTables.contains(table)) {
      return new SourceChange.Ignored("truncate of " + table + ", a table we do not publish");
    }
    return new SourceChange.Truncated(schema == null ? null : schema.name(), table, at);
  }

  /** The schema whose rows {@code table} holds; null for junction and unknown tables. */
  private Schema contentSchemaOf(String table) {
    return catalog.isJunctionTable(table) ? null : catalog.schemaForTable(table).orElse(null);
  }

  private static Operation operationOf(String debeziumOp) {
    return switch (debeziumOp) {
      case "c" -> Operation.CREATE;
      case "u" -> Operation.UPDATE;
      case "d" -> Operation.DELETE;
      default -> null; // "t" truncates and "r" snapshot reads are handled above
    };
  }
}
