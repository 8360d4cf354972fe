package io.fastschema.realtime.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schema topics before the first event, so that fanout nodes see every schema's topic
 * from their start and partition counts are ours rather than the broker's auto-create default.
 *
 * <p>It also waits until the broker serves every new partition. A KRaft broker publishes a new
 * topic to its metadata cache before its replica manager has created the partitions, so the first
 * produce requests to a just-created topic can fail with NOT_LEADER_OR_FOLLOWER. With the
 * idempotent producer that is how records were lost: Kafka (up to 4.1, KAFKA-14359/KAFKA-15591)
 * accepts a partition's first batch at any sequence number when it holds no producer state, so a
 * later batch that landed after the failed one was appended, and every retry of the failed one then
 * got OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout expired it (reproduced against the
 * in-process broker: 12 of 20 new 3-partition topics lost records even after {@code describeTopics}
 * showed leaders; none after this wait). A {@code listOffsets} answer comes from the replica
 * manager, so once every partition answers, no produce can meet that window.
 */
final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration SERVED_TIMEOUT = Duration.ofSeconds(30);
  private static final long SERVED_POLL_MILLIS = 10;

  private TopicProvisioner() {}

  /**
   * @param compacted topics that keep the latest value per key instead of a time window
   */
  static void ensureTopics(
      String bootstrap,
      Collection<String> topics,
      Set<String> compacted,
      int partitions,
      short replication)
      throws InterruptedException {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "fastschema-realtime-ingest-admin");
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t))
              .map(
                  t ->
                      compacted.contains(t)
                          ? new NewTopic(t, 1, replication)
                              .configs(Map.of("cleanup.policy", "compact"))
                          : new NewTopic(t, partitions, replication)
                              .configs(Map.of("cleanup.policy", "delete")))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
          LOG.info(
              "Created topic {} ({} partitions, replication {})",
              entry.getKey(),
              partitions,
              replication);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic "
                    + entry.getKey()
                    + " on "
                    + bootstrap
                    + ": "
                    + e.getCause().getMessage(),
                e.getCause());
          }
        }
      }
      awaitServed(admin, missing, bootstrap);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics on Kafka " + bootstrap + ": " + e, e);
    }
  }

  /** Until every partition of {@code created} answers a list-offsets request (at most 30 s). */
  private static void awaitServed(Admin admin, List<NewTopic> created, String bootstrap)
      throws InterruptedException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic t : created) {
      for (int p = 0; p < t.numPartitions(); p++) {
        partitions.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
      }
    }
    long deadline = System.nanoTime() + SERVED_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "new topics on "
                  + bootstrap
                  + " not served within "
                  + SERVED_TIMEOUT
                  + ": "
                  + (e.getCause() == null ? e : e.getCause()),
              e);
        }
        TimeUnit.MILLISECONDS.sleep(SERVED_POLL_MILLIS); // not served yet: ask again
      }
    }
  }
}
