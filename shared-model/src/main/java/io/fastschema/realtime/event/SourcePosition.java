package io.fastschema.realtime.event;

/**
 * Where an event comes from in the database's change log.
 *
 * @param lsn the change's log sequence number (PostgreSQL LSN as a number)
 * @param prevCommitLsn the commit LSN of the transaction delivered before this event's: the same
 *     for all changes of a transaction and growing from one transaction to the next, so it orders
 *     transactions as they are delivered (commit order), which change LSNs alone do not
 * @param commitTimeMs when the transaction committed, epoch milliseconds (source clock)
 * @param captureTimeMs when ingest read the change, epoch milliseconds (ingest clock)
 */
public record SourcePosition(long lsn, long prevCommitLsn, long commitTimeMs, long captureTimeMs) {}
