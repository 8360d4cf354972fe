package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Go, PostgreSQL and jsonb value rules the filter is built on. */
class FilterValuesTest {

  @Test
  void formatsFloatsAsGoPercentV() {
    assertEquals("5", GoFloat.format(5));
    assertEquals("5.5", GoFloat.format(5.5));
    assertEquals("-0", GoFloat.format(-0.0));
    assertEquals("123456", GoFloat.format(123456));
    assertEquals("1e+06", GoFloat.format(1e6));
    assertEquals("1.2345678e+07", GoFloat.format(12345678));
    assertEquals("0.0001", GoFloat.format(0.0001));
    assertEquals("1e-05", GoFloat.format(0.00001));
    assertEquals("9.007199254740992e+15", GoFloat.format(9007199254740993d));
    assertEquals("1e+21", GoFloat.format(1e21));
    assertEquals("0.1", GoFloat.format(0.1));
    assertEquals("1e-07", GoFloat.format(1e-7));
    assertEquals("1e-7", GoFloat.formatJson(1e-7));
    assertEquals("100000000000000000000", GoFloat.formatJson(1e20));
  }

  @Test
  void parsesFloatsAsGoStrconv() {
    assertEquals(5.0, GoFloat.parse("5"));
    assertEquals(5.0, GoFloat.parse("+5."));
    assertEquals(0.5, GoFloat.parse(".5"));
    assertEquals(1000.0, GoFloat.parse("1e3"));
    assertEquals(16.0, GoFloat.parse("0x1p4"));
    assertEquals(Double.POSITIVE_INFINITY, GoFloat.parse("Inf"));
    assertTrue(GoFloat.parse("nan").isNaN());
    assertNull(GoFloat.parse("0x10"));
    assertNull(GoFloat.parse(" 5"));
    assertNull(GoFloat.parse("1_000"));
    assertNull(GoFloat.parse("1e400"));
    assertNull(GoFloat.parse(""));
  }

  @Test
  void likeMatchesCodePointsWithPostgresEscapes() throws SqlValueException {
    assertTrue(LikePattern.compile("a_c").matches("a😀c"));
    assertFalse(LikePattern.compile("a__c").matches("a😀c"));
    assertTrue(LikePattern.compile("%\\%").matches("100%"));
    assertFalse(LikePattern.compile("%\\%").matches("100"));
    assertTrue(LikePattern.compile("\\a\\b").matches("ab"));
    assertTrue(LikePattern.compile("%a%b%").matches("xxaxxbxx"));
    assertFalse(LikePattern.compile("%a%b").matches("xxaxxbxx"));
    assertTrue(LikePattern.compile("").matches(""));
    assertFalse(LikePattern.compile("").matches("x"));
    assertEquals("%50\\%\\_\\\\%", LikePattern.containsPattern("50%_\\"));
    assertThrows(SqlValueException.class, () -> LikePattern.compile("abc\\"));
  }

  @Test
  void lowercasesWithTheSimpleUnicodeMapping() {
    assertEquals("iσςßk", Lowercase.of("İΣςẞ\u212A"));
    assertEquals("straße", Lowercase.of("STRAẞE"));
  }

  @Test
  void parsesUuidsAsPostgres() {
    UuidValue canonical = UuidValue.parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertEquals(canonical, UuidValue.parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"));
    assertEquals(canonical, UuidValue.parse("{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}"));
    assertEquals(canonical, UuidValue.parse("a0eebc999c0b4ef8bb6d6bb9bd380a11"));
    assertEquals(canonical, UuidValue.parse("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"));
    assertNull(UuidValue.parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"));
    assertNull(UuidValue.parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-"));
    assertNull(UuidValue.parse("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertNull(UuidValue.parse("a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertTrue(
        UuidValue.parse("80000000-0000-0000-0000-000000000000")
                .compareTo(UuidValue.parse("7fffffff-ffff-ffff-ffff-ffffffffffff"))
            > 0);
  }

  @Test
  void readsTimesAsPostgresDoesInAUtcSession() throws SqlValueException {
    long noon = 1_709_294_400_000_000L;
    assertEquals(noon, TimeLiteral.epochMicros("2024-03-01T12:00:00Z"));
    assertEquals(noon, TimeLiteral.epochMicros("2024-03-01T17:30:00+05:30"));
    assertEquals(noon, TimeLiteral.epochMicros("2024-03-01 12:00:00"));
    assertEquals(noon, TimeLiteral.epochMicros("2024-03-01T7:00:00-05:00"));
    assertEquals(noon + 123_457, TimeLiteral.epochMicros("2024-03-01T12:00:00.1234567Z"));
    assertTrue(TimeLiteral.isGoValid("2024-03-01T12:00:00,5Z"));
    assertThrows(SqlValueException.class, () -> TimeLiteral.epochMicros("2024-03-01T12:00:00,5Z"));
    assertFalse(TimeLiteral.isGoValid("2024-03-01T12:00:60Z"));
    assertFalse(TimeLiteral.isGoValid("2023-02-29 00:00:00"));
    assertTrue(TimeLiteral.isGoValid("2024-02-29 00:00:00"));
    assertFalse(TimeLiteral.isGoValid("2024-03-01t12:00:00z"));
    assertEquals(noon, TimeLiteral.rowMicros("2024-03-01T13:00:00+01:00"));
  }

  @Test
  void comparesJsonbAsPostgres() throws Exception {
    ObjectMapper exact =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    assertEquals(
        0,
        jsonb(exact, "{\"b\": [1, 2.0], \"a\": \"x\"}")
            .compareTo(jsonb(exact, "{\"a\": \"x\", \"b\": [1.00, 2]}")));
    assertEquals(0, jsonb(exact, "{\"a\": 1, \"a\": 2}").compareTo(jsonb(exact, "{\"a\": 2}")));
    assertTrue(jsonb(exact, "[]").compareTo(jsonb(exact, "null")) < 0);
    assertTrue(jsonb(exact, "5").compareTo(jsonb(exact, "[5]")) < 0);
    assertTrue(
        jsonb(exact, "{\"b\": 1, \"aa\": 2}").compareTo(jsonb(exact, "{\"a\": 1, \"b\": 1}")) > 0);
    assertTrue(jsonb(exact, "\"a\"").compareTo(jsonb(exact, "1")) < 0);
    assertTrue(jsonb(exact, "[\"B\"]").compareTo(jsonb(exact, "[\"a\"]")) < 0);
    assertTrue(
        jsonb(exact, "12345678901234567890.5").compareTo(jsonb(exact, "12345678901234567890.4"))
            > 0);
  }

  @Test
  void exactDecimalRowsCompareExactly() throws FilterException {
    ObjectMapper exact =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    ObjectNode row = (ObjectNode) exact.valueToTree(java.util.Map.of("stock", 0));
    row.set(
        "meta",
        exact.createObjectNode().put("a", new java.math.BigDecimal("12345678901234567890.5")));
    assertTrue(
        RowFilter.parse(
                "{\"meta\": \"{\\\"a\\\": 12345678901234567890.5}\"}", FilterFixtures.post())
            .matches(row));
    assertFalse(
        RowFilter.parse(
                "{\"meta\": \"{\\\"a\\\": 12345678901234567890.4}\"}", FilterFixtures.post())
            .matches(row));
  }

  private static Jsonb jsonb(ObjectMapper mapper, String json) throws Exception {
    return Jsonb.of(mapper.readTree(json));
  }
}
