package io.fastschema.realtime.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;

/**
 * Debezium's source offsets in a Kafka topic, as with {@code
 * offset.storage=org.apache.kafka.connect.storage.KafkaOffsetBackingStore}, except that stopping
 * the store also closes the admin client it used.
 *
 * <p>Why: for that class name Debezium 3.5's embedded engine ({@code
 * KafkaConnectUtil.kafkaOffsetBackingStore}) creates a {@link SharedTopicAdmin} (client id {@code
 * debezium-servershared-admin}) and never closes it: every engine run (each start, each restart for
 * a new schema) leaked one admin client and its thread, which kept reconnecting and logged a WARN a
 * few times a second once the broker stopped. The engine instantiates this class by name ({@code
 * offset.storage}) through its public no-argument constructor.
 *
 * <p>Used by one engine run on that run's threads, as Debezium uses its own store.
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {

  /** Prefix of the client ids of the store's producer, consumer and admin client. */
  static final String CLIENT_ID_BASE = "fastschema-realtime-ingest-";

  /** How long closing the admin client may wait for its in-flight requests. */
  private static final Duration ADMIN_CLOSE_LIMIT = Duration.ofSeconds(5);

  private final AdminOfThisStore admin;

  public KafkaOffsetStore() {
    this(new AdminOfThisStore());
  }

  private KafkaOffsetStore(AdminOfThisStore admin) {
    super(admin, () -> CLIENT_ID_BASE, keyAndValueConverter());
    this.admin = admin;
  }

  /** What Debezium gives its own store: JSON without schemas. */
  private static Converter keyAndValueConverter() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false"), true);
    return converter;
  }

  @Override
  public void configure(WorkerConfig config) {
    // The engine's whole configuration, as Debezium passes it (bootstrap.servers, security).
    Map<String, Object> adminProps = new HashMap<>(config.originals());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID_BASE + "offsets-admin");
    admin.use(new SharedTopicAdmin(adminProps));
    super.configure(config);
  }

  @Override
  public void stop() {
    try {
      super.stop();
    } finally {
      admin.close();
    }
  }

  /**
   * The admin client handed to the superclass before {@link #configure} knows the brokers: it is
   * created there and closed by {@link #stop}.
   */
  private static final class AdminOfThisStore implements Supplier<TopicAdmin> {

    private volatile SharedTopicAdmin shared;

    void use(SharedTopicAdmin admin) {
      shared = admin;
    }

    @Override
    public TopicAdmin get() {
      SharedTopicAdmin current = shared;
      if (current == null) {
        throw new IllegalStateException("the offset store is not configured yet");
      }
      return current.get();
    }

    void close() {
      SharedTopicAdmin current = shared;
      if (current != null) {
        current.close(ADMIN_CLOSE_LIMIT);
      }
    }
  }
}
