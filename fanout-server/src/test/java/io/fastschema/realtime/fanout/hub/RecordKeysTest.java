package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fastschema.realtime.fanout.TestSchemas;
import io.fastschema.realtime.model.Field;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The handshake's {@code id} and an event's key must meet as the same canonical text. */
class RecordKeysTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Field INT_PK = TestSchemas.post().primaryKey();
  private static final Field UUID_PK = TestSchemas.note().primaryKey();
  private static final Field STRING_PK = TestSchemas.page().primaryKey();

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({"5, 5", "+5, 5", "05, 5", "+005, 5", "18446744073709551615, 18446744073709551615"})
  void integerIdsAreReadAsGoAtoiReadsThem(String raw, String canonical) {
    assertIntegerId(raw, canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "000", "-0", "+0"})
  void zeroMeansNoIdAsInFastSchema(String raw) {
    org.junit.jupiter.api.Assertions.assertNull(RecordKeys.ofArgument(INT_PK, raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "18446744073709551616", "-18446744073709551615"})
  void integerIdsOutsideTheKeysRangeAreRefused(String raw) {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> RecordKeys.ofArgument(INT_PK, raw));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("invalid id"));
  }

  private static void assertIntegerId(String raw, String canonical) {
    assertEquals(canonical, RecordKeys.ofArgument(INT_PK, raw));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "abc",
        "5.0",
        "1e3",
        "0x5",
        " 5",
        "5 ",
        "+",
        "-",
        "++5",
        "+-5",
        "5a",
        "\u0665",
        "0190f3a1-7b2c-7d4e-8f00-0123456789ab"
      })
  void nonIntegerIdForIntegerKeyIsRejectedNamingTheKeyAndItsType(String raw) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.ofArgument(INT_PK, raw));
    assertEquals("realtime.content: invalid id '" + raw + "' (id is uint64)", e.getMessage());
  }

  @Test
  void uuidIdsAreCaseInsensitive() {
    String lower = "0190f3a1-7b2c-7d4e-8f00-0123456789ab";
    assertEquals(lower, RecordKeys.ofArgument(UUID_PK, lower));
    assertEquals(lower, RecordKeys.ofArgument(UUID_PK, lower.toUpperCase()));
    assertEquals(lower, RecordKeys.ofArgument(UUID_PK, "0190F3a1-7B2c-7d4E-8f00-0123456789Ab"));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "5",
        "not-a-uuid",
        "1-2-3-4-5",
        "0190f3a1-7b2c-7d4e-8f00-0123456789a",
        "0190f3a1-7b2c-7d4e-8f00-0123456789abc",
        "0190f3a17b2c7d4e8f000123456789ab",
        "{0190f3a1-7b2c-7d4e-8f00-0123456789ab}",
        "0190f3a1-7b2c-7d4e-8f00-0123456789ag",
        "+190f3a1-7b2c-7d4e-8f00-0123456789ab"
      })
  void malformedIdForUuidKeyIsRejected(String raw) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.ofArgument(UUID_PK, raw));
    assertEquals("realtime.content: invalid id '" + raw + "' (id is uuid)", e.getMessage());
  }

  @Test
  void stringIdsAreKeptVerbatim() {
    assertEquals("About-Us", RecordKeys.ofArgument(STRING_PK, "About-Us"));
    assertEquals(" 05 ", RecordKeys.ofArgument(STRING_PK, " 05 "));
  }

  @Test
  void integerEventKeysAreWrittenInDecimal() {
    assertEquals("5", RecordKeys.ofValue(JSON.numberNode(5)));
    assertEquals("5", RecordKeys.ofValue(JSON.numberNode(5L)));
    assertEquals(
        "18446744073709551615",
        RecordKeys.ofValue(JSON.numberNode(new BigInteger("18446744073709551615"))));
  }

  @Test
  void textEventKeysAreTakenAsPublished() {
    // Ingest writes uuid keys lower-case (the event contract), so only the handshake's side needs
    // folding, and that side knows the key's type.
    assertEquals(
        "0190f3a1-7b2c-7d4e-8f00-0123456789ab",
        RecordKeys.ofValue(JSON.textNode("0190f3a1-7b2c-7d4e-8f00-0123456789ab")));
    assertEquals(
        "0190F3A1-7B2C-7D4E-8F00-0123456789AB",
        RecordKeys.ofValue(JSON.textNode("0190F3A1-7B2C-7D4E-8F00-0123456789AB")));
  }

  @Test
  void stringEventKeysAreKeptVerbatim() {
    assertEquals("About", RecordKeys.ofValue(JSON.textNode("About")));
  }

  @Test
  void missingOrNullEventKeyHasNoCanonicalText() {
    assertNull(RecordKeys.ofValue(null));
    assertNull(RecordKeys.ofValue(JSON.nullNode()));
  }

  @Test
  void handshakeIdAndEventKeyMeetForEveryKeyType() {
    assertEquals(RecordKeys.ofValue(JSON.numberNode(5)), RecordKeys.ofArgument(INT_PK, "+05"));
    assertEquals(
        RecordKeys.ofValue(JSON.textNode("0190f3a1-7b2c-7d4e-8f00-0123456789ab")),
        RecordKeys.ofArgument(UUID_PK, "0190F3A1-7B2C-7D4E-8F00-0123456789AB"));
    assertEquals(
        RecordKeys.ofValue(JSON.textNode("about")), RecordKeys.ofArgument(STRING_PK, "about"));
  }

  @Test
  void uuidShapedStringKeyWithCapitalsMeetsItsId() {
    String slug = "ABCDEFGH-IJKL-MNOP-QRST-UVWXYZ012345";
    assertEquals(RecordKeys.ofArgument(STRING_PK, slug), RecordKeys.ofValue(JSON.textNode(slug)));
  }
}
