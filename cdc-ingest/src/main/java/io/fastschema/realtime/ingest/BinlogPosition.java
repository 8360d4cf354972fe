package io.fastschema.realtime.ingest;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * Where a binlog change is, as the numbers of its event id ({@code <transaction>-<event>-<row>},
 * the same 16-16-8 hex shape as PostgreSQL's).
 *
 * <p>The binlog is written in commit order, one transaction after the other, never split across
 * files. So {@code (file number, position)} grows in commit order, and packing the file number into
 * the top 32 bits and the position (a 32-bit field of the binlog event header) into the low 32 bits
 * keeps that order in one {@code long}:
 *
 * <ul>
 *   <li>{@link #transaction()}: where the change's transaction starts, from the source offset
 *       Debezium resumes from ({@code file}, {@code pos}: the start of the transaction being read).
 *       The same for every change of the transaction, growing from one transaction to the next.
 *   <li>{@link #event()}: how many binlog events of the transaction come before the change's rows
 *       event (the offset's {@code event}: the events Debezium skips when it resumes inside the
 *       transaction). Not {@code source.pos}: Debezium sets that to the transaction's start too,
 *       and MariaDB splits one statement's rows into rows events of about 8 KB, so the rows of the
 *       second and later events once got the ids of the first event's rows and were dropped as
 *       replays.
 *   <li>{@link #row()}: the row's index in that event ({@code source.row}).
 * </ul>
 *
 * All three are read from the binlog and the resume offset, which Debezium counts the same way when
 * it replays a transaction after a restart, so a replay yields the same numbers.
 */
record BinlogPosition(long transaction, long event, int row) {

  static BinlogPosition of(Struct source, Map<String, ?> offset) {
    String file = source.getString("file");
    long sourcePosition = pack(file, source.getInt64("pos"));
    Object offsetFile = offset == null ? null : offset.get("file");
    Object offsetPos = offset == null ? null : offset.get("pos");
    long transaction =
        offsetFile instanceof String f && offsetPos instanceof Number p
            ? pack(f, p.longValue())
            : sourcePosition;
    // Absent when 0 (Debezium leaves zero counters out of the offset).
    Object eventsBefore = offset == null ? null : offset.get("event");
    long event = eventsBefore instanceof Number n ? n.longValue() : 0;
    Integer row = source.getInt32("row");
    return new BinlogPosition(transaction, event, row == null ? 0 : row);
  }

  /**
   * The change's index among the changes of its rows event: {@code 2 × row}, and {@code 2 × row +
   * 1} for the create half of a primary-key change, which Debezium emits after the delete half from
   * the same binlog row. Without the doubling both halves had one event id and fanout dropped the
   * create as a replay. Grows within the event and is the same on a replay.
   */
  int indexOf(boolean createHalfOfKeyChange) {
    return 2 * row + (createHalfOfKeyChange ? 1 : 0);
  }

  /** {@code mariadb-bin.000042} at 1234 → {@code 42 << 32 | 1234}. */
  static long pack(String file, long position) {
    int dot = file.lastIndexOf('.');
    long number;
    try {
      number = Long.parseLong(file.substring(dot + 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("unexpected binlog file name '" + file + "'", e);
    }
    if (position < 0 || position > 0xFFFF_FFFFL || number > 0x7FFF_FFFFL) {
      throw new IllegalStateException("binlog position out of range: " + file + ":" + position);
    }
    return number << 32 | position;
  }
}
