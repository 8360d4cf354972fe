package io.fastschema.realtime.fanout.hub;

import static io.fastschema.realtime.event.Operation.CREATE;
import static io.fastschema.realtime.event.Operation.DELETE;
import static io.fastschema.realtime.event.Operation.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.event.TransactionPosition;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.TestEvents;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.fanout.stream.Delivery;
import io.fastschema.realtime.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Who gets which message: schema-wide, per operation and per record, each exactly once. */
class SubscriptionRegistryTest {

  /** Counts row encodings: the per-event work the registry does before any send. */
  private static final class CountingMapper extends ObjectMapper {
    private static final long serialVersionUID = 1L;
    final AtomicLong writes = new AtomicLong();

    @Override
    public String writeValueAsString(Object value) throws JsonProcessingException {
      writes.incrementAndGet();
      return super.writeValueAsString(value);
    }
  }

  private final CountingMapper mapper = new CountingMapper();
  private final SubscriptionRegistry registry =
      new SubscriptionRegistry(new MessageEncoder(mapper));

  /** Shared by every transport of a test: any call on any of them counts. */
  private final AtomicLong touches = new AtomicLong();

  private RecordingTransport subscribe(Schema schema, Operation op, String recordKey) {
    RecordingTransport t = new RecordingTransport("peer", touches, true);
    registry.add(
        new ClientSession(
            new Subscription(schema, op, recordKey, null, "test.resource"),
            t,
            1000,
            1 << 20,
            registry));
    return t;
  }

  private RecordingTransport subscribePosts(Operation op, String recordKey) {
    return subscribe(TestSchemas.post(), op, recordKey);
  }

  private static Delivery updateGroup(long... ids) {
    return new Delivery("post", UPDATE, TestEvents.group(UPDATE, "tx", 1, ids));
  }

  private static Delivery deleteGroup(long... ids) {
    return new Delivery("post", DELETE, TestEvents.group(DELETE, "tx", 1, ids));
  }

  @Test
  void createReachesSchemaWideSubscriberAsOneObject() {
    RecordingTransport all = subscribePosts(null, null);

    registry.dispatch(Delivery.of(TestEvents.create(1, "hello")));

    assertEquals(
        List.of("{\"event\":\"create\",\"data\":{\"id\":1,\"title\":\"hello\"}}"), all.sent());
  }

  @Test
  void updateGroupReachesSchemaWideSubscriberAsOneArrayInTransactionOrder() {
    RecordingTransport all = subscribePosts(null, null);

    registry.dispatch(updateGroup(3, 1, 2));

    assertEquals(
        List.of(
            "{\"event\":\"update\",\"data\":[{\"id\":3,\"title\":\"t3\"},"
                + "{\"id\":1,\"title\":\"t1\"},{\"id\":2,\"title\":\"t2\"}]}"),
        all.sent());
  }

  @Test
  void deleteCarriesTheBeforeImagesAsAnArray() {
    RecordingTransport all = subscribePosts(null, null);

    registry.dispatch(deleteGroup(7));

    assertEquals(
        List.of("{\"event\":\"delete\",\"data\":[{\"id\":7,\"title\":\"t7\"}]}"),
        all.sent(),
        "a schema-wide delete is an array even for one row");
  }

  @Test
  void perOperationSubscriberGetsOnlyItsOperation() {
    RecordingTransport creates = subscribePosts(CREATE, null);
    RecordingTransport updates = subscribePosts(UPDATE, null);
    RecordingTransport deletes = subscribePosts(DELETE, null);

    registry.dispatch(Delivery.of(TestEvents.create(1, "a")));
    registry.dispatch(updateGroup(1));
    registry.dispatch(deleteGroup(1));

    assertEquals(
        List.of("{\"event\":\"create\",\"data\":{\"id\":1,\"title\":\"a\"}}"), creates.sent());
    assertEquals(
        List.of("{\"event\":\"update\",\"data\":[{\"id\":1,\"title\":\"t1\"}]}"), updates.sent());
    assertEquals(
        List.of("{\"event\":\"delete\",\"data\":[{\"id\":1,\"title\":\"t1\"}]}"), deletes.sent());
  }

  @Test
  void schemaWideSubscriberGetsEveryOperationOnce() {
    RecordingTransport all = subscribePosts(null, null);
    subscribePosts(UPDATE, null); // another index of the same schema must not double-send

    registry.dispatch(Delivery.of(TestEvents.create(1, "a")));
    registry.dispatch(updateGroup(1, 2));
    registry.dispatch(deleteGroup(2));

    assertEquals(3, all.sendCount());
    assertTrue(all.sent().get(0).startsWith("{\"event\":\"create\""));
    assertTrue(all.sent().get(1).startsWith("{\"event\":\"update\""));
    assertTrue(all.sent().get(2).startsWith("{\"event\":\"delete\""));
  }

  @Test
  void recordSubscriberGetsOneObjectForItsRowOutOfAGroup() {
    RecordingTransport two = subscribePosts(null, "2");
    RecordingTransport nine = subscribePosts(null, "9");

    registry.dispatch(updateGroup(1, 2, 3));
    registry.dispatch(deleteGroup(3, 2));

    assertEquals(
        List.of(
            "{\"event\":\"update\",\"data\":{\"id\":2,\"title\":\"t2\"}}",
            "{\"event\":\"delete\",\"data\":{\"id\":2,\"title\":\"t2\"}}"),
        two.sent());
    assertEquals(List.of(), nine.sent());
  }

  @Test
  void recordSubscriberWithEventStarAlsoGetsTheCreate() {
    RecordingTransport five = subscribePosts(null, "5");

    registry.dispatch(Delivery.of(TestEvents.create(5, "new")));
    registry.dispatch(Delivery.of(TestEvents.create(6, "other")));

    assertEquals(
        List.of("{\"event\":\"create\",\"data\":{\"id\":5,\"title\":\"new\"}}"), five.sent());
  }

  @Test
  void recordSubscriberWithOperationGetsOnlyThatOperationOfItsRow() {
    RecordingTransport deletesOfTwo = subscribePosts(DELETE, "2");

    registry.dispatch(Delivery.of(TestEvents.create(2, "a")));
    registry.dispatch(updateGroup(2));
    registry.dispatch(deleteGroup(1, 2));

    assertEquals(
        List.of("{\"event\":\"delete\",\"data\":{\"id\":2,\"title\":\"t2\"}}"),
        deletesOfTwo.sent());
  }

  @Test
  void recordKeyFromTheHandshakeMeetsTheEventKeyInCanonicalForm() throws Exception {
    // "05" on an integer key, an upper-case uuid: both canonicalised at the handshake.
    Subscription byId =
        SubscriptionRequest.resolve(
            Map.of("schema", "post", "id", "+05"), TestSchemas.CATALOG, null);
    RecordingTransport post5 = new RecordingTransport("p", touches, true);
    registry.add(new ClientSession(byId, post5, 10, 1 << 20, registry));
    String uuid = "0190F3A1-7B2C-7D4E-8F00-0123456789AB";
    Subscription byUuid =
        SubscriptionRequest.resolve(
            Map.of("schema", "note", "id", uuid), TestSchemas.CATALOG, null);
    RecordingTransport note = new RecordingTransport("n", touches, true);
    registry.add(new ClientSession(byUuid, note, 10, 1 << 20, registry));

    registry.dispatch(updateGroup(5));
    var json = JsonNodeFactory.instance;
    ObjectNode noteRow = json.objectNode().put("id", uuid.toLowerCase()).put("text", "x");
    registry.dispatch(
        Delivery.of(
            TestEvents.event(
                "note",
                "notes",
                UPDATE,
                json.objectNode().put("id", uuid.toLowerCase()),
                noteRow,
                new TransactionPosition("tx", 1, 1, true))));

    assertEquals(
        List.of("{\"event\":\"update\",\"data\":{\"id\":5,\"title\":\"t5\"}}"), post5.sent());
    assertEquals(1, note.sendCount(), "uuid ids match whatever their case in the handshake");
  }

  @Test
  void stringKeySubscriberMatchesItsSlugOnly() {
    RecordingTransport about = subscribe(TestSchemas.page(), null, "about");
    var json = JsonNodeFactory.instance;
    for (String slug : List.of("about", "About", "contact")) {
      ObjectNode row = json.objectNode().put("slug", slug).put("title", "T");
      registry.dispatch(
          Delivery.of(
              TestEvents.event(
                  "page",
                  "pages",
                  UPDATE,
                  json.objectNode().put("slug", slug),
                  row,
                  new TransactionPosition("tx", 1, 1, true))));
    }

    assertEquals(
        List.of("{\"event\":\"update\",\"data\":{\"slug\":\"about\",\"title\":\"T\"}}"),
        about.sent(),
        "string keys are compared exactly");
  }

  @Test
  void clientsSeeFastSchemasValuesForNullUintAndUuidWhileFiltersSeeNull() throws Exception {
    SubscriptionRegistry withSchemas =
        new SubscriptionRegistry(
            new MessageEncoder(
                mapper,
                name ->
                    java.util.Optional.ofNullable(TestSchemas.CATALOG.schema(name).orElse(null))));
    Schema note = TestSchemas.note();
    RecordingTransport all = new RecordingTransport("all", touches, true);
    withSchemas.add(
        new ClientSession(
            new Subscription(note, null, null, null, "r"), all, 10, 1 << 20, withSchemas));
    RecordingTransport zeroLikes = new RecordingTransport("zero", touches, true);
    var view =
        new SubscriptionView(
            "{\"likes\":0}",
            "",
            io.fastschema.realtime.filter.RowFilter.parse("{\"likes\":0}", note),
            null);
    withSchemas.add(
        new ClientSession(
            new Subscription(note, null, null, null, "r", view),
            zeroLikes,
            10,
            1 << 20,
            withSchemas));
    var json = JsonNodeFactory.instance;
    String id = "0190f3a1-7b2c-7d4e-8f00-0123456789ab";
    ObjectNode row = json.objectNode().put("id", id).put("text", "t");
    row.putNull("owner");
    row.putNull("likes");
    withSchemas.dispatch(
        Delivery.of(
            TestEvents.event(
                "note",
                "notes",
                UPDATE,
                json.objectNode().put("id", id),
                row,
                new TransactionPosition("tx", 1, 1, true))));

    assertEquals(
        List.of(
            "{\"event\":\"update\",\"data\":[{\"id\":\""
                + id
                + "\",\"text\":\"t\",\"owner\":\"00000000-0000-0000-0000-000000000000\","
                + "\"likes\":0}]}"),
        all.sent());
    assertEquals(0, zeroLikes.sendCount(), "a NULL uint is not 0 to a filter");
  }

  /**
   * On MySQL/MariaDB an equality filter on text matches under utf8mb4_unicode_ci, through the
   * registry's value index too (which keys it by collation weights); on PostgreSQL it does not. A
   * node has one dialect (FanoutConfig), so each has a registry of its own here.
   */
  @Test
  void textEqualityFollowsTheDialectThroughTheValueIndex() throws Exception {
    String filter = "{\"text\":\"ÉTÉ\"}";
    List<RecordingTransport> transports = new ArrayList<>();
    for (var dialect : io.fastschema.realtime.filter.SqlDialect.values()) {
      SubscriptionRegistry registry = new SubscriptionRegistry(new MessageEncoder(mapper));
      Subscription s =
          SubscriptionRequest.resolve(
              Map.of("schema", "note", "filter", filter),
              TestSchemas.CATALOG,
              null,
              "fastschema",
              io.fastschema.realtime.fanout.stream.CursorKey.derive(new byte[32]),
              dialect);
      assertTrue(s.view().filter().equalityKey().isPresent(), "indexed by value");
      RecordingTransport t = new RecordingTransport(dialect.name(), touches, true);
      registry.add(new ClientSession(s, t, 10, 1 << 20, registry));
      transports.add(t);
      String id = "0190f3a1-7b2c-7d4e-8f00-0123456789ab";
      var json = JsonNodeFactory.instance;
      registry.dispatch(
          Delivery.of(
              TestEvents.event(
                  "note",
                  "notes",
                  UPDATE,
                  json.objectNode().put("id", id),
                  json.objectNode().put("id", id).put("text", "ete  "),
                  new TransactionPosition("tx", 1, 1, true))));
    }

    assertEquals(0, transports.get(0).sendCount(), "PostgreSQL: case and accents count");
    assertEquals(1, transports.get(1).sendCount(), "MySQL: utf8mb4_unicode_ci, PAD SPACE");
  }

  @Test
  void uuidShapedStringKeyWithCapitalsMeetsItsSubscriberAndNoOther() {
    String slug = "ABCDEFAB-1234-5678-9ABC-DEF012345678";
    RecordingTransport exact = subscribe(TestSchemas.page(), null, slug);
    RecordingTransport lower = subscribe(TestSchemas.page(), null, slug.toLowerCase());
    var json = JsonNodeFactory.instance;
    ObjectNode row = json.objectNode().put("slug", slug).put("title", "T");
    registry.dispatch(
        Delivery.of(
            TestEvents.event(
                "page",
                "pages",
                UPDATE,
                json.objectNode().put("slug", slug),
                row,
                new TransactionPosition("tx", 1, 1, true))));

    assertEquals(1, exact.sendCount(), "a string key is not a uuid, whatever it looks like");
    assertEquals(0, lower.sendCount(), "string keys are compared exactly");
  }

  @Test
  void allSchemaWideAndPerOperationSubscribersShareOneMessageInstance() {
    List<RecordingTransport> subscribers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      subscribers.add(subscribePosts(null, null));
      subscribers.add(subscribePosts(UPDATE, null));
    }

    registry.dispatch(updateGroup(1, 2));

    EncodedText first = subscribers.get(0).sentEncoded().get(0);
    for (RecordingTransport t : subscribers) {
      assertEquals(1, t.sendCount());
      assertSame(first, t.sentEncoded().get(0), "encoded once, the same bytes queued to everyone");
    }
  }

  @Test
  void subscribersOfTheSameRecordShareOneMessageInstance() {
    RecordingTransport a = subscribePosts(null, "2");
    RecordingTransport b = subscribePosts(UPDATE, "2");

    registry.dispatch(updateGroup(1, 2));

    assertSame(a.sentEncoded().get(0), b.sentEncoded().get(0));
  }

  @Test
  void eachRowIsEncodedOncePerDeliveryWhateverTheNumberOfSubscribers() {
    for (int i = 0; i < 100; i++) {
      subscribePosts(null, null);
      subscribePosts(null, "1");
      subscribePosts(null, "2");
    }

    registry.dispatch(updateGroup(1, 2, 3));

    assertEquals(3, mapper.writes.get(), "one encoding per row, shared by all 300 subscribers");
    assertEquals(300, registry.delivered());
  }

  @Test
  void subscribersOfOtherSchemasGetNothing() {
    RecordingTransport notes = subscribe(TestSchemas.note(), null, null);
    RecordingTransport pages = subscribe(TestSchemas.page(), UPDATE, null);

    registry.dispatch(Delivery.of(TestEvents.create(1, "a")));
    registry.dispatch(updateGroup(1));

    assertEquals(0, notes.sendCount() + pages.sendCount());
  }

  @Test
  void unregisteredSessionsGetNothing() {
    RecordingTransport t = new RecordingTransport("p", touches, true);
    List<ClientSession> sessions =
        List.of(
            new ClientSession(
                new Subscription(TestSchemas.post(), null, null, null, "test.resource"),
                t,
                10,
                1000,
                registry),
            new ClientSession(
                new Subscription(TestSchemas.post(), UPDATE, null, null, "test.resource"),
                t,
                10,
                1000,
                registry),
            new ClientSession(
                new Subscription(TestSchemas.post(), null, "1", null, "test.resource"),
                t,
                10,
                1000,
                registry));
    sessions.forEach(registry::add);
    assertEquals(3, registry.size());

    sessions.forEach(ClientSession::ended);
    registry.dispatch(Delivery.of(TestEvents.create(1, "a")));
    registry.dispatch(updateGroup(1));

    assertEquals(0, registry.size());
    assertEquals(0, t.sendCount());
    assertEquals(0, registry.delivered());
  }

  @Test
  void endingOneRecordSubscriberKeepsTheOthersOfTheSameRecord() {
    RecordingTransport stays = subscribePosts(null, "1");
    ClientSession leaving =
        new ClientSession(
            new Subscription(TestSchemas.post(), null, "1", null, "test.resource"),
            new RecordingTransport(),
            10,
            1000,
            registry);
    registry.add(leaving);

    leaving.ended();
    registry.dispatch(updateGroup(1));

    assertEquals(1, stays.sendCount());
    assertEquals(1, registry.size());
  }

  @Test
  void unrelatedRecordSubscribersAreNeitherSentToNorEncodedFor() {
    for (int id = 1_000; id < 11_000; id++) {
      subscribePosts(null, Integer.toString(id));
    }
    subscribe(TestSchemas.note(), null, null);
    assertEquals(10_001, registry.size());

    for (int i = 0; i < 100; i++) {
      registry.dispatch(Delivery.of(TestEvents.create(i, "a")));
      registry.dispatch(updateGroup(i, i + 1_000_000));
    }

    assertEquals(0, touches.get(), "no call reached any of the 10,001 unrelated transports");
    assertEquals(0, mapper.writes.get(), "no row is encoded when nobody wants the event");
    assertEquals(0, registry.delivered());
  }

  @Test
  void matchingOneRecordAmongManyCostsOnlyThatRecord() {
    for (int id = 1_000; id < 11_000; id++) {
      subscribePosts(null, Integer.toString(id));
    }
    long before = touches.get();

    registry.dispatch(updateGroup(5_000, 1));

    assertEquals(1, registry.delivered(), "one subscriber out of 10,000 matched");
    assertEquals(1, touches.get() - before, "exactly one transport call: the matching send");
    assertEquals(1, mapper.writes.get(), "only the matching row of the group is encoded");
  }

  @Test
  void eventOfASchemaNobodySubscribedToIsIgnored() {
    registry.dispatch(Delivery.of(TestEvents.create(1, "a")));
    assertEquals(0, mapper.writes.get());
    assertEquals(0, registry.delivered());
  }
}
