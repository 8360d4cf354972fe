package io.fastschema.realtime.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One committed change of one FastSchema record: the value of a message on a schema topic.
 *
 * <p>Rows use FastSchema's JSON encodings (column order, RFC 3339 times, uuid strings, embedded
 * json, FastSchema's NULL rules, never {@code user.password}). Rows are shared, never copied: treat
 * them as immutable once the event is built.
 *
 * @param id unique and increasing with the source log position (see {@link #idOf}); a change
 *     replayed after a crash carries the same id, which is how duplicates are recognised downstream
 * @param schema FastSchema schema name (the API name, e.g. {@code blog})
 * @param table database table (the schema's namespace, e.g. {@code blogs})
 * @param op create, update or delete
 * @param key the primary key: an object of the primary-key field, e.g. {@code {"id":5}}
 * @param before the row before the change; null for create, and for update when the table does not
 *     have full before-images (then updates carry only {@code after})
 * @param after the row after the change; null for delete
 * @param txn position in the source transaction
 * @param source position in the source change log
 */
public record RecordEvent(
    String id,
    String schema,
    String table,
    Operation op,
    ObjectNode key,
    ObjectNode before,
    ObjectNode after,
    TransactionPosition txn,
    SourcePosition source) {

  public RecordEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(txn, "txn");
    Objects.requireNonNull(source, "source");
    requireImages(id, op, before != null, after != null);
  }

  /**
   * The images an event of {@code op} must carry, which consumers rely on: an after-image unless it
   * is a delete, a before-image if it is one. Also for events built in another form (ingest's).
   *
   * @throws IllegalArgumentException naming the event when one is missing
   */
  public static void requireImages(String id, Operation op, boolean hasBefore, boolean hasAfter) {
    if (op != Operation.DELETE && !hasAfter) {
      throw new IllegalArgumentException(op.wireName() + " event " + id + " has no after-image");
    }
    if (op == Operation.DELETE && !hasBefore) {
      throw new IllegalArgumentException("delete event " + id + " has no before-image");
    }
  }

  /** The row a subscriber sees: the after-image, or for a delete the before-image. */
  public ObjectNode visibleRow() {
    return op == Operation.DELETE ? before : after;
  }

  /**
   * Builds the id from log positions: fixed-width hex so that ids compare as strings in delivery
   * order: the transaction's order key first, then the change's own position in it, then the
   * change's place among the changes of one log record. The last part is needed because one log
   * record can carry several changes (PostgreSQL writes a COPY or multi-row INSERT page as one
   * record, and a primary-key UPDATE is a delete and a create at one position).
   *
   * @param indexInRecord 0 for the first change read from the log record at {@code lsn}, 1 for the
   *     next, ...
   */
  public static String idOf(long prevCommitLsn, long lsn, int indexInRecord) {
    if (indexInRecord < 0) {
      throw new IllegalArgumentException("negative index in log record: " + indexInRecord);
    }
    // Same text as String.format("%016x-%016x-%08x"), without the Formatter: one per event.
    char[] id = new char[ID_LENGTH];
    putHex(prevCommitLsn, id, 0, 16);
    id[16] = '-';
    putHex(lsn, id, 17, 16);
    id[33] = '-';
    putHex(indexInRecord, id, 34, 8);
    return new String(id);
  }

  /** The id of the first (often the only) change of a log record. */
  public static String idOf(long prevCommitLsn, long lsn) {
    return idOf(prevCommitLsn, lsn, 0);
  }

  /** Length of every id {@link #idOf} makes. */
  public static final int ID_LENGTH = 42;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** {@code digits} lower-case hex digits of the unsigned value, zero-padded, at {@code at}. */
  private static void putHex(long value, char[] out, int at, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
