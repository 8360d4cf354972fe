package io.fastschema.realtime.ingest;

import java.util.Collection;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schema topics before the first event, so that fanout nodes see every schema's topic
 * from their start and partition counts are ours rather than the broker's auto-create default.
 */
final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

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
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics on Kafka " + bootstrap + ": " + e, e);
    }
  }
}
