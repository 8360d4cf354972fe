package io.fastschema.realtime.fanout.hub;

/**
 * The bounds of one session's outbound queue, and the node's budget that every session shares.
 *
 * @param maxMessages messages queued before the session is closed as a slow consumer (4008)
 * @param maxBytes UTF-16 units queued before it is
 * @param maxEchoBytes UTF-16 units queued past which an echo of the client's own frame closes it: a
 *     client that sends and never reads fills only this much
 * @param node what all sessions of the node hold together
 */
public record QueueBounds(
    int maxMessages, long maxBytes, long maxEchoBytes, NodeQueueBudget node) {}
