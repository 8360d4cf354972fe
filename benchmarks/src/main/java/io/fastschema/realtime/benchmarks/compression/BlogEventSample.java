package io.fastschema.realtime.benchmarks.compression;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.RecordEventCodec;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Kafka records (key and value bytes, encoded by shared-model's {@link RecordEventCodec} exactly as
 * ingest encodes them) of the sample app's {@code blogs} table: for each row a create, then an
 * update of its view count carrying the before-image (full replica identity, as the standalone jar
 * sets). Titles and bodies are words drawn from a vocabulary of a few hundred, bodies 200 to 2,000
 * characters; {@code meta} is a small JSON object. Seeded, so every codec gets the same bytes.
 */
final class BlogEventSample {

  /** One Kafka record. */
  record Message(byte[] key, byte[] value) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] STATUSES = {"draft", "published", "archived"};

  private BlogEventSample() {}

  static List<Message> generate(int events, long seed) {
    RecordEventCodec codec = new RecordEventCodec();
    Random random = new Random(seed);
    List<String> words = vocabulary(random);
    List<Message> out = new ArrayList<>(events);
    long lsn = 0x1_9000_0000L;
    long prevCommit = lsn - 1000;
    long commitMs = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    for (long id = 1; out.size() < events; id++) {
      ObjectNode created = row(id, words, random, commitMs);
      ObjectNode updated = created.deepCopy();
      updated.put("views", created.get("views").asLong() + 1);
      updated.put("updated_at", Instant.ofEpochMilli(commitMs + 1500).toString());
      ObjectNode key = JSON.objectNode().put("id", id);
      for (int step = 0; step < 2 && out.size() < events; step++) {
        lsn += 200 + random.nextInt(400);
        commitMs += 1 + random.nextInt(20);
        RecordEvent e =
            new RecordEvent(
                RecordEvent.idOf(prevCommit, lsn, 0),
                "blog",
                "blogs",
                step == 0 ? Operation.CREATE : Operation.UPDATE,
                key,
                step == 0 ? null : created,
                step == 0 ? created : updated,
                new TransactionPosition(String.valueOf(700 + id * 2 + step), 1, 1, true),
                new SourcePosition(lsn, prevCommit, commitMs, commitMs + 3));
        out.add(new Message(codec.encodeKey(e), codec.encode(e)));
        prevCommit = lsn + 40;
      }
    }
    return out;
  }

  private static ObjectNode row(long id, List<String> words, Random random, long commitMs) {
    ObjectNode row = JSON.objectNode();
    row.put("id", id);
    row.put("title", sentence(words, random, 3 + random.nextInt(8)));
    row.put("body", sentence(words, random, 30 + random.nextInt(300)));
    row.put("views", random.nextInt(100_000));
    row.put("published", random.nextBoolean());
    row.put("published_at", Instant.ofEpochMilli(commitMs - random.nextInt(86_400_000)).toString());
    row.set(
        "meta",
        JSON.objectNode()
            .put("lang", random.nextBoolean() ? "en" : "fr")
            .put("reading_minutes", 1 + random.nextInt(20))
            .put("source", words.get(random.nextInt(words.size()))));
    row.put("status", STATUSES[random.nextInt(STATUSES.length)]);
    row.put("external_ref", new UUID(random.nextLong(), random.nextLong()).toString());
    row.put("category_id", new UUID(random.nextLong(), random.nextLong()).toString());
    row.put("created_at", Instant.ofEpochMilli(commitMs).toString());
    row.putNull("updated_at");
    row.putNull("deleted_at");
    return row;
  }

  private static String sentence(List<String> words, Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(i % 12 == 0 ? ". " : " ");
      }
      text.append(
          words.get((int) Math.min(words.size() - 1, Math.abs(random.nextGaussian()) * 80)));
    }
    return text.toString();
  }

  /** A few hundred lower-case "words" of 2 to 10 letters; drawn with a skew, like real text. */
  private static List<String> vocabulary(Random random) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int length = 2 + random.nextInt(9);
      StringBuilder w = new StringBuilder(length);
      for (int c = 0; c < length; c++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words.add(w.toString());
    }
    return words;
  }
}
