package io.fastschema.realtime.fanout.stream;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The settings of every consumer this node opens: partitions assigned by the node (no group, no
 * commits: every node reads everything itself), raw bytes, and a short fetch wait (latency).
 */
final class AssignedConsumer {

  private AssignedConsumer() {}

  /**
   * @param offsetReset where a partition without a position starts ({@code latest}, {@code
   *     earliest})
   */
  static Properties properties(
      String bootstrap, String clientId, String offsetReset, Duration fetchWait) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    p.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(fetchWait.toMillis()));
    p.setProperty(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
