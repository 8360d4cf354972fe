package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.event.Operation;
import java.util.function.BiConsumer;

/**
 * Where ingest stopped inside a transaction, stored with the source offset it commits ({@link
 * ChangeBatchPublisher}), because that offset can fall inside a transaction too large to hold
 * whole. A restarted engine resumes right after it, and two things of the {@code txn} contract
 * would otherwise be lost: Debezium counts the resumed transaction's {@code total_order} from 1
 * again ({@link ResumedOrders} corrects it from {@code lastOrder}), and the first change replayed
 * may continue the group of the last change published ({@code group}, for {@link GroupMarker}).
 *
 * @param txId the open transaction
 * @param lastOrder the order of its last change up to the offset (any captured change counts)
 * @param prevCommitLsn its {@code source.prev_commit_lsn} (binlog: its position), as published
 * @param group the last content change up to the offset, whose group the next one may continue;
 *     null when none
 */
record ResumePoint(String txId, long lastOrder, long prevCommitLsn, GroupTail group) {

  /** Keys in Debezium's source offset map; the connectors ignore keys they do not know. */
  private static final String TX = "fastschema_txid";

  private static final String ORDER = "fastschema_txn_order";
  private static final String PREV_COMMIT = "fastschema_prev_commit_lsn";
  private static final String TABLE = "fastschema_group_table";
  private static final String OP = "fastschema_group_op";
  private static final String GROUP_ORDER = "fastschema_group_order";
  private static final String START = "fastschema_group_start";

  void writeTo(BiConsumer<String, Object> offset) {
    offset.accept(TX, txId);
    offset.accept(ORDER, lastOrder);
    offset.accept(PREV_COMMIT, prevCommitLsn);
    if (group != null) {
      offset.accept(TABLE, group.table());
      offset.accept(OP, group.op().wireName());
      offset.accept(GROUP_ORDER, group.order());
      offset.accept(START, group.groupStart());
    }
  }

  /** The point stored in a source offset (as JSON), or null when it holds none. */
  static ResumePoint readFrom(JsonNode offset) {
    if (offset == null || !offset.path(TX).isTextual()) {
      return null;
    }
    String txId = offset.get(TX).asText();
    GroupTail group =
        offset.path(TABLE).isTextual()
            ? new GroupTail(
                txId,
                offset.get(TABLE).asText(),
                Operation.fromWireName(offset.path(OP).asText()),
                offset.path(GROUP_ORDER).asLong(),
                offset.path(START).asLong())
            : null;
    return new ResumePoint(
        txId, offset.path(ORDER).asLong(), offset.path(PREV_COMMIT).asLong(), group);
  }
}
