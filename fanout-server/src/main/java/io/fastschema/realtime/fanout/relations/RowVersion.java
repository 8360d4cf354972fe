package io.fastschema.realtime.fanout.relations;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of a row in the store.
 *
 * @param position the order key of the transaction that wrote it ({@code StateRecord#position})
 * @param row the row, or null when this version is the row's deletion
 * @param arrivedNanos when the node read it, for the history window
 */
record RowVersion(long position, ObjectNode row, long arrivedNanos) {}
