package io.fastschema.realtime.ingest;

/**
 * Numbers the changes read from one database log record: 0, 1, 2, ... while changes of the same
 * transaction keep the same log position. PostgreSQL writes a page of a COPY or of a multi-row
 * INSERT as one WAL record, and a primary-key UPDATE reaches us as a delete and a create at one
 * LSN; without this number their event ids would collide and the later ones be dropped as
 * duplicates.
 *
 * <p>The numbers are stable when Debezium replays after a restart because it never resumes inside a
 * log record: it restarts after the last stored LSN, and {@link ChangeBatchPublisher} never commits
 * an offset in the middle of a record's changes, so a replay starts at a record's first change and
 * numbers it 0 again. One instance per engine run; not thread-safe (engine thread).
 */
final class LogRecordNumbering {

  private String txId;
  private long lsn = Long.MIN_VALUE;
  private int next;

  /** Marks a change the source did not number itself (PostgreSQL's). */
  static final int UNNUMBERED = -1;

  /**
   * Numbers {@code draft} within its log record. A change that already carries its number (a binlog
   * change: its row's index in the rows event, which Debezium keeps across a resume inside the
   * event) keeps it.
   */
  ChangeDraft number(ChangeDraft draft) {
    long at = draft.source().lsn();
    if (at != lsn || !draft.txId().equals(txId)) {
      txId = draft.txId();
      lsn = at;
      next = 0;
    }
    if (draft.indexInRecord() != UNNUMBERED) {
      next = draft.indexInRecord() + 1;
      return draft;
    }
    return draft.withIndexInRecord(next++);
  }

  /** Whether {@code draft} came from the same log record as the last change numbered. */
  boolean sameRecordAsLast(ChangeDraft draft) {
    return draft.source().lsn() == lsn && draft.txId().equals(txId);
  }
}
