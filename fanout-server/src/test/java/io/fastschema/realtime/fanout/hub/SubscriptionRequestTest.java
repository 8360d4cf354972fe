package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.TestSchemas;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handshake arguments, checked in FastSchema's order (event, then schema, then id) with its exact
 * reason texts, and the close codes we add.
 */
class SubscriptionRequestTest {

  private static Subscription resolve(String... keyValues) throws HandshakeRejection {
    Map<String, String> query = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      query.put(keyValues[i], keyValues[i + 1]);
    }
    return SubscriptionRequest.resolve(query, TestSchemas.CATALOG, null);
  }

  private static HandshakeRejection rejected(String... keyValues) {
    return assertThrows(HandshakeRejection.class, () -> resolve(keyValues));
  }

  @Test
  void schemaAloneSubscribesToEveryEventOfEveryRecord() throws Exception {
    Subscription s = resolve("schema", "post");

    assertSame(TestSchemas.post(), s.schema());
    assertNull(s.operation());
    assertNull(s.recordKey());
    assertEquals("guest", s.userId());
    assertEquals("api.realtime.content.post.*", s.resource());
  }

  @Test
  void theResourceUsesTheRawArgumentsBeforeValidation() {
    assertEquals(
        "api.realtime.content.nope.update",
        SubscriptionRequest.resourceOf(java.util.Map.of("schema", "nope", "event", "update")));
    assertEquals(
        "api.realtime.content.blog.*",
        SubscriptionRequest.resourceOf(java.util.Map.of("schema", "blog", "event", "")));
  }

  @Test
  void eachEventNameSelectsItsOperation() throws Exception {
    assertEquals(Operation.CREATE, resolve("schema", "post", "event", "create").operation());
    assertEquals(Operation.UPDATE, resolve("schema", "post", "event", "update").operation());
    assertEquals(Operation.DELETE, resolve("schema", "post", "event", "delete").operation());
    assertNull(resolve("schema", "post", "event", "*").operation());
  }

  @ParameterizedTest(name = "event=''{0}''")
  @ValueSource(strings = {"x", "invalid", "Create", "UPDATE", "**", " create", "create,update"})
  void unknownEventIsRejectedWithFastSchemasText(String event) {
    HandshakeRejection r = rejected("schema", "post", "event", event);

    assertEquals(CloseReason.BAD_REQUEST, r.reason());
    assertEquals("realtime.content: invalid event '" + event + "'", r.getMessage());
  }

  @Test
  void unknownSchemaIsRejectedWithFastSchemasText() {
    HandshakeRejection r = rejected("schema", "x");

    assertEquals(CloseReason.UNKNOWN_SCHEMA, r.reason());
    assertEquals("realtime.content: schema not found: x", r.getMessage());
  }

  @Test
  void schemaNamesAreCaseSensitiveAndNotTableNames() {
    assertEquals(
        "realtime.content: schema not found: Post", rejected("schema", "Post").getMessage());
    assertEquals(
        "realtime.content: schema not found: posts", rejected("schema", "posts").getMessage());
  }

  @Test
  void missingOrEmptySchemaIsNotFoundWithAnEmptyName() {
    assertEquals("realtime.content: schema not found: ", rejected().getMessage());
    HandshakeRejection empty = rejected("schema", "");
    assertEquals(CloseReason.UNKNOWN_SCHEMA, empty.reason());
    assertEquals("realtime.content: schema not found: ", empty.getMessage());
  }

  @Test
  void eventIsCheckedBeforeSchema() {
    HandshakeRejection r = rejected("schema", "nope", "event", "x", "id", "bad");

    assertEquals(CloseReason.BAD_REQUEST, r.reason());
    assertEquals("realtime.content: invalid event 'x'", r.getMessage());
  }

  @Test
  void schemaIsCheckedBeforeId() {
    HandshakeRejection r = rejected("schema", "nope", "id", "not-a-number");

    assertEquals(CloseReason.UNKNOWN_SCHEMA, r.reason());
    assertEquals("realtime.content: schema not found: nope", r.getMessage());
  }

  @Test
  void invalidIdForIntegerKeyIsABadRequestWithAClearReason() {
    HandshakeRejection r = rejected("schema", "post", "id", "abc");

    assertEquals(CloseReason.BAD_REQUEST, r.reason());
    assertEquals(4400, r.reason().code());
    assertEquals("realtime.content: invalid id 'abc' (id is uint64)", r.getMessage());
  }

  @Test
  void invalidIdForUuidKeyIsABadRequestWithAClearReason() {
    HandshakeRejection r = rejected("schema", "note", "id", "5");

    assertEquals(4400, r.reason().code());
    assertEquals("realtime.content: invalid id '5' (id is uuid)", r.getMessage());
  }

  @Test
  void idIsCanonicalisedForTheKeyType() throws Exception {
    assertEquals("5", resolve("schema", "post", "id", "+5").recordKey());
    assertEquals("5", resolve("schema", "post", "id", "05").recordKey());
    assertEquals(
        "0190f3a1-7b2c-7d4e-8f00-0123456789ab",
        resolve("schema", "note", "id", "0190F3A1-7B2C-7D4E-8F00-0123456789AB").recordKey());
    assertEquals("About", resolve("schema", "page", "id", "About").recordKey());
  }

  @Test
  void idWorksWithEventStarAndWithOneEvent() throws Exception {
    Subscription star = resolve("schema", "post", "event", "*", "id", "7");
    Subscription deletes = resolve("schema", "post", "event", "delete", "id", "7");

    assertNull(star.operation());
    assertEquals("7", star.recordKey());
    assertEquals(Operation.DELETE, deletes.operation());
    assertEquals("7", deletes.recordKey());
  }

  @Test
  void emptyValuesCountAsAbsent() throws Exception {
    Subscription s = resolve("schema", "post", "event", "", "id", "");

    assertNull(s.operation(), "event= means the default '*'");
    assertNull(s.recordKey(), "id= means no id, not an invalid one");
  }

  @Test
  void otherArgumentsDoNotChangeTheSubscription() throws Exception {
    Subscription s = resolve("schema", "post", "unknown", "x", "select", "title");

    assertNull(s.operation());
    assertNull(s.recordKey());
  }
}
