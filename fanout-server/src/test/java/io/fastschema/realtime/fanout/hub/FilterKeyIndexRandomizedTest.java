package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.RecordEvent;
import io.fastschema.realtime.event.SourcePosition;
import io.fastschema.realtime.event.TransactionPosition;
import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.filter.FilterException;
import io.fastschema.realtime.filter.Projection;
import io.fastschema.realtime.filter.ProjectionException;
import io.fastschema.realtime.filter.RowFilter;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.model.SchemaLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The indexed dispatch delivers exactly what a full scan would: random subscriptions (filters with
 * and without usable equality keys, shared and distinct views, every event slot, some with an
 * {@code id}) against random deliveries (creates, updates moving rows into and out of filters,
 * deletes judged on their before-image, multi-row groups, NULLs), with sessions joining and leaving
 * between deliveries. The expected messages are computed per session by brute force from the
 * compiled filter and select, without the registry, its index or its message cache.
 */
class FilterKeyIndexRandomizedTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Schema ITEM = loadItem();
  private static final String[] TAGS = {"red", "green", "blue", "Red", "r%d"};
  private static final String[] SELECTS = {"", "title", "owner,tag", "views,title,owner"};
  private static final Operation[] OPS = Operation.values();

  private final MessageEncoder encoder = new MessageEncoder(new ObjectMapper());
  private final SubscriptionRegistry registry = new SubscriptionRegistry(encoder);
  private final AtomicLong touches = new AtomicLong();

  /** One session under test, and what it must have received so far. */
  private record Probe(
      ClientSession session, RecordingTransport transport, List<String> expected) {}

  @RepeatedTest(5)
  void indexedDispatchDeliversExactlyWhatAFullScanWould(RepetitionInfo repetition) {
    long seed = 0x5EED_0000L + repetition.getCurrentRepetition();
    Random random = new Random(seed);
    List<Probe> open = new ArrayList<>();
    List<Probe> all = new ArrayList<>();
    // A pool of views so that many sessions share one (and so one ViewGroup).
    List<SubscriptionView> views = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      views.add(randomView(random));
    }
    for (int i = 0; i < 400; i++) {
      Probe p = subscribe(random, views);
      open.add(p);
      all.add(p);
    }

    long expectedTotal = 0;
    for (int round = 0; round < 300; round++) {
      churn(random, views, open, all);
      Delivery d = randomDelivery(random, round);
      for (Probe p : open) {
        List<String> messages = bruteForce(p.session().subscription(), d);
        p.expected().addAll(messages);
        expectedTotal += messages.size();
      }
      registry.dispatch(d);
    }

    for (Probe p : all) {
      assertEquals(
          p.expected(), p.transport().sent(), "seed " + seed + ": " + p.session().subscription());
    }
    assertEquals(expectedTotal, registry.delivered(), "seed " + seed);
    assertEquals(open.size(), registry.size(), "seed " + seed);
    assertTrue(expectedTotal > 1000, "the workload must deliver something: " + expectedTotal);
  }

  /** Some sessions leave and others join between deliveries, exercising the index's unlinking. */
  private void churn(
      Random random, List<SubscriptionView> views, List<Probe> open, List<Probe> all) {
    for (int i = 0; i < 3 && !open.isEmpty(); i++) {
      Probe leaving = open.remove(random.nextInt(open.size()));
      if (random.nextBoolean()) {
        leaving.session().ended();
      } else {
        leaving.session().close(CloseReason.GOING_AWAY, "test churn");
      }
    }
    for (int i = 0; i < 3; i++) {
      Probe p = subscribe(random, views);
      open.add(p);
      all.add(p);
    }
  }

  private Probe subscribe(Random random, List<SubscriptionView> views) {
    Operation op = random.nextInt(3) == 0 ? null : OPS[random.nextInt(OPS.length)];
    String recordKey = random.nextInt(8) == 0 ? Integer.toString(1 + random.nextInt(20)) : null;
    SubscriptionView view = views.get(random.nextInt(views.size()));
    RecordingTransport t = new RecordingTransport("p", touches, true);
    ClientSession s =
        new ClientSession(
            new Subscription(ITEM, op, recordKey, null, "api.realtime.content.item.*", view),
            t,
            100_000,
            1L << 30,
            registry);
    registry.add(s);
    return new Probe(s, t, new ArrayList<>());
  }

  /** What the session must receive for this delivery, derived from its subscription alone. */
  private List<String> bruteForce(Subscription s, Delivery d) {
    if (!s.schema().name().equals(d.schema()) || !s.wants(d.op())) {
      return List.of();
    }
    List<String> admittedRows = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (RecordEvent e : d.events()) {
      ObjectNode row = d.op() == Operation.DELETE ? e.before() : e.after();
      boolean admitted = s.view().filter() == null || s.view().filter().matches(row);
      String json =
          encoder.rowJson(s.view().projection() == null ? row : s.view().projection().apply(row));
      if (s.isRecordScoped()) {
        if (admitted && s.recordKey().equals(e.key().get("id").asText())) {
          out.add(encoder.single(d.op(), json));
        }
      } else if (admitted) {
        admittedRows.add(json);
      }
    }
    if (!admittedRows.isEmpty()) {
      out.add(
          d.op() == Operation.CREATE
              ? encoder.single(d.op(), admittedRows.get(0))
              : encoder.array(d.op(), admittedRows));
    }
    return out;
  }

  private static SubscriptionView randomView(Random random) {
    while (true) {
      String filter = randomFilter(random);
      String select = SELECTS[random.nextInt(SELECTS.length)];
      try {
        return new SubscriptionView(
            filter,
            select,
            filter.isEmpty() ? null : RowFilter.parse(filter, ITEM),
            select.isEmpty() ? null : Projection.parse(select, ITEM));
      } catch (FilterException | ProjectionException e) {
        throw new AssertionError("test generated an invalid view " + filter + " / " + select, e);
      }
    }
  }

  private static String randomFilter(Random r) {
    int owner = r.nextInt(6);
    String tag = TAGS[r.nextInt(TAGS.length)];
    int a = r.nextInt(10);
    int b = r.nextInt(10);
    return switch (r.nextInt(27)) {
      case 0 -> "";
      case 1 -> "{\"owner\":" + owner + "}";
      case 2 -> "{\"owner\":{\"$in\":[" + owner + "," + r.nextInt(6) + "]}}";
      case 3 -> "{\"tag\":\"" + tag + "\"}";
      case 4 -> "{\"owner\":" + owner + ",\"views\":{\"$gt\":" + r.nextInt(10) + "}}";
      case 5 -> "{\"views\":{\"$gte\":" + r.nextInt(5) + ",\"$lt\":" + (3 + r.nextInt(8)) + "}}";
      case 6 -> "{\"$or\":[{\"owner\":" + owner + "},{\"tag\":\"" + tag + "\"}]}";
      case 7 ->
          "{\"$and\":[{\"tag\":{\"$like\":\"r%\"}},{\"owner\":{\"$in\":["
              + owner
              + ","
              + (owner + 1)
              + ",7]}}]}";
      case 8 -> "{\"score\":" + (r.nextBoolean() ? "0" : "1.5") + "}";
      case 9 -> "{\"owner\":{\"$neq\":" + owner + "}}";
      case 10 -> "{\"status\":\"" + (r.nextBoolean() ? "draft" : "published") + "\"}";
      case 11 -> "{\"tag\":{\"$in\":[\"" + tag + "\",\"green\"]},\"owner\":{\"$lt\":4}}";
      case 12 -> "{\"views\":{\"$gt\":2},\"owner\":" + owner + "}";
      // Interval-indexed shapes: bounds of every kind, empty intervals, $like prefixes.
      case 14 -> "{\"views\":{\"$lte\":" + a + "}}";
      case 15 -> "{\"views\":{\"$gt\":" + a + ",\"$lte\":" + b + "}}";
      case 16 -> "{\"views\":{\"$gte\":" + a + "},\"tag\":{\"$neq\":\"" + tag + "\"}}";
      case 17 -> "{\"tag\":{\"$like\":\"" + (r.nextBoolean() ? "re" : "r") + "%\"}}";
      case 18 -> "{\"tag\":{\"$like\":\"r\\\\%%\"}}";
      case 19 -> "{\"score\":{\"$gte\":" + (r.nextBoolean() ? "0" : "1.5") + "}}";
      // An $or of equalities on one column is an IN for the index.
      case 20 -> "{\"$or\":[{\"owner\":" + owner + "},{\"owner\":{\"$in\":[" + a % 6 + ",9]}}]}";
      // Null-indexed shapes: $null on either side with conditions no other index can use; a
      // $null inside an $or indexes nothing (scan).
      case 21 -> "{\"tag\":{\"$null\":false},\"owner\":{\"$neq\":" + owner + "}}";
      case 22 -> "{\"tag\":{\"$null\":true}}";
      case 23 -> "{\"owner\":{\"$null\":false},\"tag\":{\"$like\":\"%e%\"}}";
      case 24 -> "{\"$or\":[{\"tag\":{\"$null\":true}},{\"owner\":" + owner + "}]}";
      case 25 -> "{\"views\":{\"$gt\":" + a + "},\"tag\":{\"$null\":true}}";
      default -> "{\"owner\":{\"$null\":true}}";
    };
  }

  private static Delivery randomDelivery(Random r, int round) {
    Operation op = OPS[r.nextInt(OPS.length)];
    int rows = op == Operation.CREATE ? 1 : 1 + (r.nextInt(3) == 0 ? r.nextInt(4) : 0);
    List<RecordEvent> events = new ArrayList<>();
    String tx = "tx" + round;
    for (int i = 0; i < rows; i++) {
      int id = 1 + r.nextInt(20);
      ObjectNode before = op == Operation.CREATE ? null : randomRow(r, id);
      // An update often keeps most columns and moves the key column: into or out of filters.
      ObjectNode after =
          op == Operation.DELETE
              ? null
              : before != null && r.nextBoolean()
                  ? before.deepCopy().put("owner", r.nextInt(6))
                  : randomRow(r, id);
      var txn = new TransactionPosition(tx, 1 + i, 1, i == rows - 1);
      events.add(
          new RecordEvent(
              RecordEvent.idOf(round, i),
              "item",
              "items",
              op,
              JSON.objectNode().put("id", id),
              before,
              after,
              txn,
              new SourcePosition(round * 10L + i, 1, 1_700_000_000_000L, 1_700_000_000_001L)));
    }
    return new Delivery("item", op, events);
  }

  private static ObjectNode randomRow(Random r, int id) {
    ObjectNode row = JSON.objectNode().put("id", id).put("title", "item " + id);
    if (r.nextInt(8) == 0) {
      row.putNull("owner");
    } else {
      row.put("owner", r.nextInt(6));
    }
    if (r.nextInt(10) != 0) {
      row.put("tag", TAGS[r.nextInt(TAGS.length)]);
    }
    row.put("status", r.nextBoolean() ? "draft" : "published");
    row.put("views", r.nextInt(12));
    row.put(
        "score",
        switch (r.nextInt(4)) {
          case 0 -> -0.0;
          case 1 -> 0.0;
          case 2 -> 1.5;
          default -> 2.25;
        });
    return row;
  }

  private static Schema loadItem() {
    try {
      return SchemaCatalog.fromJson(
              Map.of(
                  "item.json",
                  """
          { "name": "item", "namespace": "items", "label_field": "title",
            "fields": [
              { "name": "id", "type": "uint64",
                "db": { "attr": "UNSIGNED", "key": "PRI", "increment": true } },
              { "name": "title", "type": "string" },
              { "name": "owner", "type": "int", "optional": true },
              { "name": "tag", "type": "string", "optional": true },
              { "name": "status", "type": "enum", "enums": [
                  { "value": "draft", "label": "Draft" },
                  { "value": "published", "label": "Published" } ] },
              { "name": "views", "type": "int" },
              { "name": "score", "type": "float64" }
            ] }
          """))
          .schema("item")
          .orElseThrow();
    } catch (SchemaLoadException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
