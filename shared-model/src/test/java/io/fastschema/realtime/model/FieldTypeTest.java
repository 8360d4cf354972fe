package io.fastschema.realtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypeTest {

  @ParameterizedTest
  @EnumSource(FieldType.class)
  void everyCanonicalNameParsesBackToItsType(FieldType type) {
    assertEquals(type, FieldType.parse(type.jsonName()));
  }

  @Test
  void canonicalNamesAreFastSchemasLowercaseNames() {
    assertEquals("uint64", FieldType.UINT64.jsonName());
    assertEquals("float32", FieldType.FLOAT32.jsonName());
    assertEquals("relation", FieldType.RELATION.jsonName());
  }

  @ParameterizedTest
  @CsvSource({
    "boolean, BOOL",
    "integer, INT",
    "number, FLOAT64",
    "float, FLOAT64",
    "double, FLOAT64",
    "datetime, TIME",
    "timestamp, TIME",
    "date, TIME",
    "varchar, STRING",
    "longtext, TEXT",
    "object, JSON",
    "array, JSON"
  })
  void aliasesMapToFastSchemasTypes(String alias, FieldType expected) {
    assertEquals(expected, FieldType.parse(alias));
  }

  @ParameterizedTest
  @ValueSource(strings = {"strng", "Bool", "STRING", "invalid", "uintptr", "float16", " int"})
  void unknownNamesAreRejectedNamingTheValue(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FieldType.parse(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nullAndEmptyAreRejected(String name) {
    assertThrows(IllegalArgumentException.class, () -> FieldType.parse(name));
  }

  @Test
  void integerTypesAreExactlyTheTenIntTypes() {
    Set<FieldType> integers =
        EnumSet.of(
            FieldType.INT,
            FieldType.INT8,
            FieldType.INT16,
            FieldType.INT32,
            FieldType.INT64,
            FieldType.UINT,
            FieldType.UINT8,
            FieldType.UINT16,
            FieldType.UINT32,
            FieldType.UINT64);
    for (FieldType type : FieldType.values()) {
      assertEquals(integers.contains(type), type.isInteger(), type.name());
    }
  }

  @Test
  void unsignedTypesAreTheUintTypesOnly() {
    for (FieldType type : FieldType.values()) {
      assertEquals(type.name().startsWith("UINT"), type.isUnsigned(), type.name());
    }
  }

  @Test
  void floatAndStringLikeClassification() {
    for (FieldType type : FieldType.values()) {
      assertEquals(
          type == FieldType.FLOAT32 || type == FieldType.FLOAT64, type.isFloat(), type.name());
    }
    assertTrue(FieldType.STRING.isStringLike());
    assertTrue(FieldType.TEXT.isStringLike());
    assertTrue(FieldType.ENUM.isStringLike());
    assertTrue(FieldType.UUID.isStringLike());
    assertFalse(FieldType.JSON.isStringLike());
    assertFalse(FieldType.TIME.isStringLike());
    assertFalse(FieldType.BYTES.isStringLike());
  }

  @Test
  void onlyRelationAndFileAreRelationTypes() {
    for (FieldType type : FieldType.values()) {
      assertEquals(
          type == FieldType.RELATION || type == FieldType.FILE, type.isRelation(), type.name());
    }
  }
}
