package io.fastschema.realtime.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The type of a FastSchema field, as written in the {@code type} key of a schema JSON field.
 *
 * <p>Mirrors FastSchema's {@code schema.FieldType} ({@code schema/common.go}). {@link #RELATION}
 * and {@link #FILE} fields have no column of their own; a file field is a relation to the system
 * {@code file} schema.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum FieldType {
  BOOL("bool"),
  TIME("time"),
  JSON("json"),
  UUID("uuid"),
  BYTES("bytes"),
  ENUM("enum"),
  STRING("string"),
  TEXT("text"),
  INT("int"),
  INT8("int8"),
  INT16("int16"),
  INT32("int32"),
  INT64("int64"),
  UINT("uint"),
  UINT8("uint8"),
  UINT16("uint16"),
  UINT32("uint32"),
  UINT64("uint64"),
  FLOAT32("float32"),
  FLOAT64("float64"),
  RELATION("relation"),
  FILE("file");

  /** Every name FastSchema's JSON decoder accepts: canonical names plus its "common aliases". */
  private static final Map<String, FieldType> BY_JSON_NAME = new HashMap<>();

  static {
    for (FieldType type : values()) {
      BY_JSON_NAME.put(type.jsonName, type);
    }
    BY_JSON_NAME.put("boolean", BOOL);
    BY_JSON_NAME.put("integer", INT);
    BY_JSON_NAME.put("number", FLOAT64);
    BY_JSON_NAME.put("float", FLOAT64);
    BY_JSON_NAME.put("double", FLOAT64);
    BY_JSON_NAME.put("datetime", TIME);
    BY_JSON_NAME.put("timestamp", TIME);
    BY_JSON_NAME.put("date", TIME);
    BY_JSON_NAME.put("varchar", STRING);
    BY_JSON_NAME.put("longtext", TEXT);
    BY_JSON_NAME.put("object", JSON);
    BY_JSON_NAME.put("array", JSON);
  }

  private final String jsonName;

  FieldType(String jsonName) {
    this.jsonName = jsonName;
  }

  /**
   * Parses a {@code type} value of a schema JSON field.
   *
   * <p>Matching is exact and case-sensitive, as in FastSchema ({@code "Bool"} is rejected there
   * too, so a file this accepts is a file FastSchema accepts).
   *
   * @throws IllegalArgumentException naming the value when FastSchema does not know it
   */
  public static FieldType parse(String jsonName) {
    FieldType type = jsonName == null ? null : BY_JSON_NAME.get(jsonName);
    if (type == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "unknown field type '%s' (expected one of bool, time, json, uuid, bytes, enum, string,"
                  + " text, int, int8..int64, uint, uint8..uint64, float32, float64, relation, file"
                  + " or an alias such as integer, number, datetime, varchar)",
              jsonName));
    }
    return type;
  }

  /** The canonical name FastSchema writes for this type, e.g. {@code "uint64"}. */
  public String jsonName() {
    return jsonName;
  }

  /** True for the signed and unsigned integer types. */
  public boolean isInteger() {
    return switch (this) {
      case INT, INT8, INT16, INT32, INT64, UINT, UINT8, UINT16, UINT32, UINT64 -> true;
      default -> false;
    };
  }

  /** True for {@code uint}, {@code uint8} … {@code uint64}. */
  public boolean isUnsigned() {
    return switch (this) {
      case UINT, UINT8, UINT16, UINT32, UINT64 -> true;
      default -> false;
    };
  }

  /** True for {@code float32} and {@code float64}. */
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** True for types whose values are JSON strings: string, text, enum and uuid. */
  public boolean isStringLike() {
    return this == STRING || this == TEXT || this == ENUM || this == UUID;
  }

  /** True for {@link #RELATION} and {@link #FILE}: such a field has no column of its own. */
  public boolean isRelation() {
    return this == RELATION || this == FILE;
  }
}
