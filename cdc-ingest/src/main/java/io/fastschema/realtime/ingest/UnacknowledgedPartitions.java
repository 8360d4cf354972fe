package io.fastschema.realtime.ingest;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions that record events of the current transaction went to and Kafka has not
 * acknowledged yet. The transaction's last event ({@code txn.last_in_txn}) promises a consumer that
 * every other event of the transaction is below its partition's end offset. Within one partition
 * the producer's order already keeps that promise (one request in flight); only when other events
 * are still on their way to other partitions must the last one wait for their acknowledgements. So
 * a transaction confined to one partition (one schema, one partition: the default) costs nothing.
 *
 * <p>Not thread-safe: the engine's batch-handling thread only.
 */
final class UnacknowledgedPartitions {

  private String txId;
  private final Set<TopicPartition> partitions = new HashSet<>();

  /** A record event of {@code tx} was sent to {@code partition}. */
  void sent(String tx, TopicPartition partition) {
    if (!tx.equals(txId)) {
      txId = tx;
      partitions.clear();
    }
    partitions.add(partition);
  }

  /** Kafka acknowledged everything sent so far. */
  void acknowledged() {
    partitions.clear();
  }

  /** Whether the last event of {@code tx}, bound for {@code partition}, must wait. */
  boolean lastMustWait(String tx, TopicPartition partition) {
    return tx.equals(txId)
        && !partitions.isEmpty()
        && !(partitions.size() == 1 && partitions.contains(partition));
  }
}
