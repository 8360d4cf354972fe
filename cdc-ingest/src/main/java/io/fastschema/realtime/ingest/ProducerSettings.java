package io.fastschema.realtime.ingest;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer ingest publishes with: ordered, acknowledged by all replicas, batched. Public
 * for the compression benchmark, which measures this very producer.
 */
public final class ProducerSettings {

  private ProducerSettings() {}

  /**
   * @param compressionType {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or {@code zstd}
   */
  public static Properties of(String bootstrapServers, String compressionType) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "fastschema-realtime-ingest");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    // Idempotent: a retry after a lost acknowledgement (broker restart, timeout) is not written
    // twice. The OUT_OF_ORDER_SEQUENCE_NUMBER loop once seen on just-created topics was Kafka's
    // (KAFKA-14359: a partition without producer state accepts any first sequence, so a later
    // batch could overtake one that failed with NOT_LEADER_OR_FOLLOWER); TopicProvisioner now waits
    // until new partitions are served, and one request in flight per broker means no batch can
    // overtake another even on a topic created some other way (auto-creation).
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.setProperty(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
    // With one request in flight, everything a Debezium batch (up to 2,048 events) sends while
    // the first request is out waits in the accumulator; 16 KiB batches (the default) would need
    // about a hundred round trips per Debezium batch, each with a fresh LZ4 stream. 256 KiB takes a
    // batch in a handful (measured with IngestThroughput, BENCHMARKS.md "Ingest throughput").
    // linger.ms stays 0: a lone change is sent at once.
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionType);
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.setProperty(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
