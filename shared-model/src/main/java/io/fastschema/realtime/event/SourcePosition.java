package io.fastschema.realtime.event;

/**
 * Where an event comes from in the database's change log.
 *
 * @param lsn the change's log sequence number (PostgreSQL LSN as a number)
 * @param commitLsn the LSN of the transaction's commit record; events are delivered in this order
 * @param commitTimeMs when the transaction committed, epoch milliseconds (source clock)
 * @param captureTimeMs when ingest read the change, epoch milliseconds (ingest clock)
 */
public record SourcePosition(long lsn, long commitLsn, long commitTimeMs, long captureTimeMs) {}
