package io.fastschema.realtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class RecordEventCodecTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final RecordEventCodec codec = new RecordEventCodec(mapper);

  private RecordEvent update() throws Exception {
    return new RecordEvent(
        RecordEvent.idOf(0x2A0L, 0x1F0L),
        "blog",
        "blogs",
        Operation.UPDATE,
        (ObjectNode) mapper.readTree("{\"id\":5}"),
        (ObjectNode) mapper.readTree("{\"id\":5,\"title\":\"a\"}"),
        (ObjectNode) mapper.readTree("{\"id\":5,\"title\":\"b\"}"),
        new TransactionPosition("771", 3, 2, true),
        new SourcePosition(0x1F0L, 0x2A0L, 1700000000000L, 1700000000010L));
  }

  @Test
  void roundTripKeepsEveryField() throws Exception {
    RecordEvent e = update();
    assertEquals(e, codec.decode(codec.encode(e)));
  }

  @Test
  void theTransactionsLastEventSaysSoAndOlderEventsWithoutTheFieldReadAsNotLast() throws Exception {
    RecordEvent u = update();
    RecordEvent last =
        new RecordEvent(
            u.id(),
            u.schema(),
            u.table(),
            u.op(),
            u.key(),
            u.before(),
            u.after(),
            new TransactionPosition("771", 3, 2, true, true),
            u.source());
    assertEquals(last, codec.decode(codec.encode(last)));
    ObjectNode older = (ObjectNode) mapper.readTree(codec.encode(last));
    ((ObjectNode) older.get("txn")).remove("last_in_txn");
    assertFalse(codec.decode(mapper.writeValueAsBytes(older)).txn().lastInTransaction());
  }

  @Test
  void keyIsThePrimaryKeyObject() throws Exception {
    assertEquals("{\"id\":5}", new String(codec.encodeKey(update()), StandardCharsets.UTF_8));
  }

  @Test
  void idIsFixedWidthLowerCaseHexOfBothPositionsAndTheIndexInTheLogRecord() {
    for (long[] pair :
        new long[][] {
          {0, 0, 0},
          {0x2A0L, 0x1F0L, 3},
          {Long.MAX_VALUE, 1, 0},
          {-1L, Long.MIN_VALUE, Integer.MAX_VALUE},
          {0x0123456789ABCDEFL, 0xFEDCBA9876543210L, 17}
        }) {
      assertEquals(
          String.format(java.util.Locale.ROOT, "%016x-%016x-%08x", pair[0], pair[1], pair[2]),
          RecordEvent.idOf(pair[0], pair[1], (int) pair[2]));
    }
    assertEquals(RecordEvent.idOf(5, 6, 0), RecordEvent.idOf(5, 6));
  }

  @Test
  void changesOfOneLogRecordGetDistinctIncreasingIds() {
    assertTrue(RecordEvent.idOf(0x100, 0x9, 0).compareTo(RecordEvent.idOf(0x100, 0x9, 1)) < 0);
    assertTrue(RecordEvent.idOf(0x100, 0x9, 0xFFFF).compareTo(RecordEvent.idOf(0x100, 0xA, 0)) < 0);
  }

  @Test
  void idsCompareInLogOrder() {
    assertTrue(RecordEvent.idOf(0x100, 0xFFFF).compareTo(RecordEvent.idOf(0x101, 0x1)) < 0);
    assertTrue(RecordEvent.idOf(0x100, 0x9).compareTo(RecordEvent.idOf(0x100, 0xA)) < 0);
  }

  @Test
  void groupSizeFollowsFromOrderAndStart() {
    assertEquals(50, new TransactionPosition("1", 51, 2, true).groupSize());
    assertThrows(IllegalArgumentException.class, () -> new TransactionPosition("1", 2, 3, true));
  }

  @Test
  void malformedEventsNameTheProblem() {
    var e1 =
        assertThrows(
            RecordEventCodec.MalformedEventException.class,
            () -> codec.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("missing field 'txn'", e1.getMessage());
    var e2 =
        assertThrows(
            RecordEventCodec.MalformedEventException.class,
            () -> codec.decode("nope".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e2.getMessage().startsWith("not JSON"), e2.getMessage());
  }

  @Test
  void deleteWithoutBeforeImageIsRefused() throws Exception {
    ObjectNode key = (ObjectNode) mapper.readTree("{\"id\":5}");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RecordEvent(
                "x",
                "blog",
                "blogs",
                Operation.DELETE,
                key,
                null,
                null,
                new TransactionPosition("1", 1, 1, true),
                new SourcePosition(1, 1, 1, 1)));
  }

  /** The published JSON Schema lists exactly the fields the codec writes. */
  @Test
  void jsonSchemaDescribesEveryEncodedField() throws Exception {
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream("/record-event.schema.json")) {
      schema = mapper.readTree(in);
    }
    JsonNode encoded = mapper.readTree(codec.encode(update()));
    assertFieldsDescribed(encoded, schema);
    assertFieldsDescribed(encoded.get("txn"), schema.get("properties").get("txn"));
    assertFieldsDescribed(encoded.get("source"), schema.get("properties").get("source"));
  }

  private static void assertFieldsDescribed(JsonNode encoded, JsonNode schema) {
    Iterator<String> names = encoded.fieldNames();
    int count = 0;
    while (names.hasNext()) {
      String name = names.next();
      count++;
      assertTrue(schema.get("properties").has(name), "schema lacks " + name);
    }
    // Every described field is written; the optional ones (txn.last_in_txn, absent from events
    // of older versions) too.
    assertEquals(schema.get("properties").size(), count, "described fields vs encoded fields");
  }
}
