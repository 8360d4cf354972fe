package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.StateRecordCodec;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins the exact bytes ingest puts on Kafka (content events and their keys, relation state records
 * and tombstones, security rows) for every kind of column value Debezium hands it, on both source
 * dialects. The expected files were written by the tree-building encoder; any encoder must
 * reproduce them byte for byte, because fanout nodes and other consumers read this contract
 * (DESIGN.md, record-event.schema.json). Rewrite them only for an intended contract change: run
 * with {@code -Dgolden.write=true} and review the diff.
 *
 * <p>The Debezium records are built here, with the Connect types Debezium's connectors produce
 * under our {@link DebeziumProperties} (plus the raw byte and decimal forms the encoder also
 * accepts), because a real database cannot give fixed LSNs and commit times.
 */
@ExtendWith(SharedServicesExtension.class)
class EventBytesGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static final String KITCHEN =
      "{\"name\":\"kitchen\",\"namespace\":\"kitchens\",\"fields\":["
          + "{\"name\":\"name\",\"type\":\"string\"},"
          + "{\"name\":\"body\",\"type\":\"text\",\"optional\":true},"
          + "{\"name\":\"flag\",\"type\":\"bool\",\"optional\":true},"
          + "{\"name\":\"happened_at\",\"type\":\"time\",\"optional\":true},"
          + "{\"name\":\"day\",\"type\":\"time\",\"optional\":true},"
          + "{\"name\":\"local_at\",\"type\":\"time\",\"optional\":true},"
          + "{\"name\":\"meta\",\"type\":\"json\",\"optional\":true},"
          + "{\"name\":\"ref\",\"type\":\"uuid\",\"optional\":true},"
          + "{\"name\":\"blob\",\"type\":\"bytes\",\"optional\":true},"
          + "{\"name\":\"raw\",\"type\":\"bytes\",\"optional\":true},"
          + "{\"name\":\"mood\",\"type\":\"enum\",\"optional\":true,"
          + "\"enums\":[{\"value\":\"happy\",\"label\":\"Happy\"},{\"value\":\"sad\",\"label\":\"Sad\"}]},"
          + "{\"name\":\"tiny\",\"type\":\"int8\",\"optional\":true},"
          + "{\"name\":\"small\",\"type\":\"int16\",\"optional\":true},"
          + "{\"name\":\"views\",\"type\":\"int\",\"optional\":true},"
          + "{\"name\":\"big\",\"type\":\"int64\",\"optional\":true},"
          + "{\"name\":\"counter\",\"type\":\"uint64\",\"optional\":true},"
          + "{\"name\":\"ratio\",\"type\":\"float32\",\"optional\":true},"
          + "{\"name\":\"price\",\"type\":\"float64\",\"optional\":true},"
          + "{\"name\":\"exact\",\"type\":\"float64\",\"optional\":true}"
          + "]}";

  private static final String TEXT =
      "quote \" backslash \\ newline \n tab \t ctl \u0001 é ü 日本 😀 </script> &amp;";

  @Test
  void postgresqlEventsKeepTheirBytes(SharedServices s) throws Exception {
    check(s, "postgresql", false);
  }

  @Test
  void mariadbEventsKeepTheirBytes(SharedServices s) throws Exception {
    check(s, "mariadb", true);
  }

  private void check(SharedServices s, String dialect, boolean binlog) throws Exception {
    String prefix = "golden-" + dialect + "-" + System.nanoTime();
    SchemaCatalog catalog = SchemaCatalog.fromJson(Map.of("kitchen.json", KITCHEN));
    Envelopes envelopes = new Envelopes(binlog);
    List<SourceRecord> records = envelopes.workload();
    String security = prefix + "._security";
    Map<String, String> contentTopics = new LinkedHashMap<>();
    for (String schema : List.of("kitchen", "user", "role")) {
      contentTopics.put(schema, prefix + "." + schema);
    }
    String state = prefix + "-state.kitchens";
    String offsets = prefix + ".offsets";
    List<String> topics = new ArrayList<>(contentTopics.values());
    topics.addAll(List.of(security, state, offsets));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers()))) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
          .all()
          .get();
    }
    ObjectMapper mapper = new ObjectMapper();
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:02:03.456Z"), ZoneOffset.UTC);
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(ProducerSettings.of(s.kafkaBootstrapServers(), "none"))) {
      for (String topic : topics) {
        awaitServed(producer, topic);
      }
      RelationState relationState =
          new RelationState(
              Set.of("kitchens"),
              t -> prefix + "-state." + t,
              new StateRecordCodec(mapper),
              producer);
      LiveTopicRecords live = new LiveTopicRecords(s.kafkaBootstrapServers());
      ResumedTransaction resumed = new ResumedTransaction();
      ChangeBatchPublisher publisher =
          new ChangeBatchPublisher(
              new ChangeNormalizer(
                  catalog,
                  Set.of("kitchens", "roles"),
                  new RowEncoder(mapper),
                  clock,
                  true,
                  binlog,
                  Set.of("kitchens"),
                  resumed),
              resumed,
              new RecordEventCodec(mapper),
              producer,
              contentTopics::get,
              security,
              relationState,
              new TruncatedRows(
                  live, security, relationState, new StateRecordCodec(mapper), producer),
              new StoredResumePoint(live, offsets, mapper),
              Duration.ofSeconds(30),
              new IngestStats());
      List<RecordChangeEvent<SourceRecord>> batch = new ArrayList<>();
      for (SourceRecord r : records) {
        batch.add(() -> r);
      }
      publisher.handleBatch(batch, new NoOffsets());
    }
    StringBuilder actual = new StringBuilder();
    for (String topic : topics) {
      String shortName = topic.substring(prefix.length());
      for (ConsumerRecord<byte[], byte[]> r : readAll(s, topic)) {
        actual
            .append(shortName)
            .append(" key=")
            .append(text(r.key()))
            .append("\n  ")
            .append(text(r.value()))
            .append('\n');
      }
    }
    Path file = GOLDEN.resolve("events-" + dialect + ".txt");
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual.toString(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual.toString());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "<null>" : new String(bytes, StandardCharsets.UTF_8);
  }

  private static void awaitServed(Producer<byte[], byte[]> producer, String topic)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (producer.partitionsFor(topic).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(SharedServices s, String topic) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = IngestTestRig.consumer(s)) {
      TopicPartition p = new TopicPartition(topic, 0);
      consumer.assign(List.of(p));
      consumer.seekToBeginning(List.of(p));
      long end = consumer.endOffsets(List.of(p)).get(p);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(p) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Debezium change records as its PostgreSQL or MariaDB connector shapes them. */
  private static final class Envelopes {

    private final boolean binlog;
    private final Schema kitchenRow;
    private final Schema userRow;
    private final Schema roleRow;
    private final Schema source;
    private final Schema transaction;
    private final Schema txMetadata;
    private long lsn = 0x1000;
    private long previousCommit = 0x0F00;

    Envelopes(boolean binlog) {
      this.binlog = binlog;
      SchemaBuilder k =
          SchemaBuilder.struct()
              .name("golden.kitchens.Value")
              .field("id", Schema.INT64_SCHEMA)
              .field("name", Schema.STRING_SCHEMA)
              .field("body", Schema.OPTIONAL_STRING_SCHEMA)
              .field("flag", binlog ? Schema.OPTIONAL_INT16_SCHEMA : Schema.OPTIONAL_BOOLEAN_SCHEMA)
              .field("happened_at", named("io.debezium.time.ZonedTimestamp", Schema.Type.STRING))
              .field("day", named("io.debezium.time.Date", Schema.Type.INT32))
              .field(
                  "local_at",
                  named(
                      binlog ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp",
                      Schema.Type.INT64))
              .field(
                  "meta",
                  binlog
                      ? Schema.OPTIONAL_STRING_SCHEMA
                      : named("io.debezium.data.Json", Schema.Type.STRING))
              .field(
                  "ref",
                  binlog
                      ? Schema.OPTIONAL_STRING_SCHEMA
                      : named("io.debezium.data.Uuid", Schema.Type.STRING))
              .field("blob", Schema.OPTIONAL_STRING_SCHEMA)
              .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
              .field("mood", named("io.debezium.data.Enum", Schema.Type.STRING))
              .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
              .field("small", Schema.OPTIONAL_INT16_SCHEMA)
              .field("views", Schema.OPTIONAL_INT32_SCHEMA)
              .field("big", Schema.OPTIONAL_INT64_SCHEMA)
              .field("counter", Schema.OPTIONAL_INT64_SCHEMA)
              .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
              .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("exact", Decimal.builder(2).optional().build())
              .field("created_at", named("io.debezium.time.ZonedTimestamp", Schema.Type.STRING))
              .field("updated_at", named("io.debezium.time.ZonedTimestamp", Schema.Type.STRING))
              .field("deleted_at", named("io.debezium.time.ZonedTimestamp", Schema.Type.STRING));
      kitchenRow = k.optional().build();
      userRow =
          SchemaBuilder.struct()
              .name("golden.users.Value")
              .field("id", Schema.STRING_SCHEMA)
              // Optional like every column but the key: a key-only delete leaves them NULL.
              .field("username", Schema.OPTIONAL_STRING_SCHEMA)
              .field("email", Schema.OPTIONAL_STRING_SCHEMA)
              .field("password", Schema.OPTIONAL_STRING_SCHEMA)
              .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
              .field("role_id", Schema.OPTIONAL_INT64_SCHEMA)
              .optional()
              .build();
      roleRow =
          SchemaBuilder.struct()
              .name("golden.roles.Value")
              .field("id", Schema.INT64_SCHEMA)
              .field("name", Schema.STRING_SCHEMA)
              .field("description", Schema.OPTIONAL_STRING_SCHEMA)
              .field("root", Schema.OPTIONAL_BOOLEAN_SCHEMA)
              .field("rule", Schema.OPTIONAL_STRING_SCHEMA)
              .optional()
              .build();
      SchemaBuilder src =
          SchemaBuilder.struct()
              .name(
                  binlog
                      ? "io.debezium.connector.mariadb.Source"
                      : "io.debezium.connector.postgresql.Source")
              .field("table", Schema.STRING_SCHEMA)
              .field("ts_ms", Schema.INT64_SCHEMA);
      if (binlog) {
        src.field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.OPTIONAL_INT32_SCHEMA);
      } else {
        src.field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA);
      }
      source = src.build();
      transaction =
          SchemaBuilder.struct()
              .name("event.block")
              .field("id", Schema.STRING_SCHEMA)
              .field("total_order", Schema.INT64_SCHEMA)
              .field("data_collection_order", Schema.INT64_SCHEMA)
              .optional()
              .build();
      txMetadata =
          SchemaBuilder.struct()
              .name("io.debezium.connector.common.TransactionMetadataValue")
              .field("status", Schema.STRING_SCHEMA)
              .field("id", Schema.STRING_SCHEMA)
              .build();
    }

    private static Schema named(String name, Schema.Type type) {
      return new SchemaBuilder(type).name(name).optional().build();
    }

    /** Creates, updates, soft deletes and restores, deletes, users and roles, in 3 transactions. */
    List<SourceRecord> workload() {
      List<SourceRecord> out = new ArrayList<>();
      String tx1 = binlog ? "0-1-41" : "741";
      out.add(begin(tx1));
      Struct full = kitchen(1, row -> fill(row));
      Struct nulls = kitchen(2, row -> {});
      Struct edge = kitchen(3, row -> edgeValues(row));
      out.add(change("kitchens", "c", null, full, kitchenRow, tx1, 1));
      out.add(change("kitchens", "c", null, nulls, kitchenRow, tx1, 2));
      out.add(change("kitchens", "c", null, edge, kitchenRow, tx1, 3));
      Struct user =
          struct(
              userRow,
              Map.of(
                  "id",
                  "0190B6A8-5B7E-7C2D-8F3A-1234567890AB",
                  "username",
                  "ann",
                  "email",
                  "ann@example.com",
                  "password",
                  "$2a$10$secret",
                  "active",
                  true,
                  "role_id",
                  2L));
      out.add(change("users", "c", null, user, userRow, tx1, 4));
      Struct role =
          struct(roleRow, Map.of("id", 7L, "name", "editor", "root", false, "rule", "$context"));
      out.add(change("roles", "c", null, role, roleRow, tx1, 5));
      out.add(end(tx1));

      String tx2 = binlog ? "0-1-42" : "742";
      out.add(begin(tx2));
      Struct updated = kitchen(1, row -> fill(row).put("views", 8).put("name", "renamed"));
      out.add(change("kitchens", "u", full, updated, kitchenRow, tx2, 1));
      Struct softDeleted =
          kitchen(1, row -> fill(row).put("views", 8).put("deleted_at", "2026-01-02T03:04:05Z"));
      out.add(change("kitchens", "u", updated, softDeleted, kitchenRow, tx2, 2));
      Struct stillDeleted =
          kitchen(1, row -> fill(row).put("views", 9).put("deleted_at", "2026-01-02T03:04:05Z"));
      out.add(change("kitchens", "u", softDeleted, stillDeleted, kitchenRow, tx2, 3));
      out.add(change("kitchens", "u", stillDeleted, updated, kitchenRow, tx2, 4));
      Struct userUpdated =
          struct(
              userRow,
              Map.of(
                  "id",
                  "0190B6A8-5B7E-7C2D-8F3A-1234567890AB",
                  "username",
                  "ann2",
                  "active",
                  false));
      out.add(change("users", "u", null, userUpdated, userRow, tx2, 5));
      out.add(
          change(
              "users",
              "d",
              struct(userRow, Map.of("id", "0190B6A8-5B7E-7C2D-8F3A-1234567890AB")),
              null,
              userRow,
              tx2,
              6));
      out.add(end(tx2));

      String tx3 = binlog ? "0-1-43" : "743";
      out.add(begin(tx3));
      out.add(change("kitchens", "d", nulls, null, kitchenRow, tx3, 1));
      out.add(change("kitchens", "d", edge, null, kitchenRow, tx3, 2));
      out.add(change("roles", "d", role, null, roleRow, tx3, 3));
      out.add(
          new SourceRecord(Map.of(), offset(), "golden", (Integer) null, null, null)); // tombstone
      out.add(end(tx3));
      return out;
    }

    private Struct fill(Struct row) {
      return row.put("name", "first")
          .put("body", TEXT)
          .put("flag", binlog ? (Object) (short) 1 : (Object) true)
          .put("happened_at", "2025-06-07T08:09:10.123456Z")
          .put("day", 20_000)
          .put("local_at", binlog ? 1_749_283_750_123L : 1_749_283_750_123_456L)
          .put("meta", "{\"a\": [1, true, 2.50, \"x\"], \"b\": null, \"c\": {\"d\": 1e3}}")
          .put(
              "ref",
              binlog
                  ? "0190B6A8-5B7E-7C2D-8F3A-1234567890AB"
                  : "0190b6a8-5b7e-7c2d-8f3a-1234567890ab")
          .put("blob", "AAEC/w==")
          .put("raw", ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xFF}))
          .put("mood", "happy")
          .put("tiny", (byte) -7)
          .put("small", (short) 300)
          .put("views", 7)
          .put("big", 9_007_199_254_740_993L)
          .put("counter", -1L)
          .put("ratio", 0.1f)
          .put("price", 12.5)
          .put("exact", new BigDecimal("12.50"))
          .put("created_at", "2025-06-07T08:09:10Z")
          .put("updated_at", "2025-06-07T08:09:11.5Z");
    }

    private Struct edgeValues(Struct row) {
      return row.put("name", "")
          .put("body", "")
          .put("flag", binlog ? (Object) (short) 0 : (Object) false)
          .put("happened_at", "1970-01-01T00:00:00Z")
          .put("day", -1)
          .put("local_at", 0L)
          .put("meta", binlog ? "not json {" : "[]")
          .put("ref", "00000000-0000-0000-0000-000000000000")
          .put("blob", "")
          .put("raw", ByteBuffer.wrap(new byte[0]))
          .put("mood", "sad")
          .put("tiny", (byte) 0)
          .put("small", (short) -32768)
          .put("views", Integer.MIN_VALUE)
          .put("big", Long.MAX_VALUE)
          .put("counter", 0L)
          .put("ratio", Float.MAX_VALUE)
          .put("price", 1.0e20)
          .put("exact", new BigDecimal("100.00"))
          .put("created_at", "2025-06-07T08:09:10.000000001Z");
    }

    private Struct kitchen(long id, java.util.function.Consumer<Struct> values) {
      Struct row = new Struct(kitchenRow).put("id", id).put("name", "row-" + id);
      values.accept(row);
      return row;
    }

    private static Struct struct(Schema schema, Map<String, Object> values) {
      Struct row = new Struct(schema);
      values.forEach(row::put);
      return row;
    }

    private SourceRecord change(
        String table, String op, Struct before, Struct after, Schema row, String tx, long order) {
      Schema envelope =
          SchemaBuilder.struct()
              .name("golden." + table + ".Envelope")
              .field("before", row)
              .field("after", row)
              .field("source", source)
              .field("op", Schema.STRING_SCHEMA)
              .field("transaction", transaction)
              .build();
      lsn += 0x28;
      Struct src = new Struct(source).put("table", table).put("ts_ms", 1_765_000_000_000L + lsn);
      if (binlog) {
        src.put("file", "mysql-bin.000003").put("pos", lsn).put("row", 0);
      } else {
        src.put("lsn", lsn).put("sequence", "[\"" + previousCommit + "\",\"" + lsn + "\"]");
      }
      Struct value =
          new Struct(envelope)
              .put("before", before)
              .put("after", after)
              .put("source", src)
              .put("op", op)
              .put(
                  "transaction",
                  new Struct(transaction)
                      .put("id", binlog ? tx : tx + ":" + lsn)
                      .put("total_order", order)
                      .put("data_collection_order", order));
      return new SourceRecord(Map.of(), offset(), "golden." + table, null, envelope, value);
    }

    private Map<String, Object> offset() {
      Map<String, Object> offset = new HashMap<>();
      if (binlog) {
        offset.put("file", "mysql-bin.000003");
        offset.put("pos", previousCommit);
      } else {
        offset.put("lsn", lsn);
      }
      return offset;
    }

    private SourceRecord begin(String tx) {
      return metadata(tx, "BEGIN");
    }

    private SourceRecord end(String tx) {
      SourceRecord r = metadata(tx, "END");
      previousCommit = lsn + 8;
      return r;
    }

    private SourceRecord metadata(String tx, String status) {
      Struct value = new Struct(txMetadata).put("status", status).put("id", tx);
      return new SourceRecord(Map.of(), offset(), "golden.transaction", null, txMetadata, value);
    }
  }

  /** The committer of a run whose offsets nobody reads. */
  private static final class NoOffsets
      implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {

    @Override
    public void markProcessed(RecordChangeEvent<SourceRecord> record) {}

    @Override
    public void markBatchFinished() {}

    @Override
    public void markProcessed(
        RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets sourceOffsets) {}

    @Override
    public DebeziumEngine.Offsets buildOffsets() {
      Map<String, Object> offsets = new HashMap<>();
      BiConsumer<String, Object> set = offsets::put;
      return set::accept;
    }
  }
}
