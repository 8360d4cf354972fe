package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code uuid}. Filter strings are parsed as PostgreSQL does (any case, optional braces and
 * hyphens). FastSchema encodes a NULL uuid as the zero uuid, so the zero uuid in a row is read as
 * SQL NULL; a row holding a real zero uuid is indistinguishable and is treated as NULL too.
 *
 * <p>Thread-safety: immutable; the instances are shared constants.
 */
final class UuidType extends SqlType {

  static final UuidType INSTANCE = new UuidType(false);

  /**
   * FastSchema's uuid on MySQL/MariaDB: MariaDB's native {@code uuid} (10.7+), MySQL's {@code
   * char(36)} under {@code utf8mb4_unicode_ci}. Both find the canonical text equal in any case;
   * they differ on other spellings (MySQL compares text) and on order (MariaDB orders by the time
   * fields), so only the canonical form and equality operators are accepted.
   */
  static final UuidType EQUALITY_ONLY = new UuidType(true);

  private static final java.util.regex.Pattern CANONICAL =
      java.util.regex.Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final boolean equalityOnly;

  private UuidType(boolean equalityOnly) {
    super("uuid");
    this.equalityOnly = equalityOnly;
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    String text = ((GoValue.Str) value).value();
    if (equalityOnly && !CANONICAL.matcher(text).matches()) {
      throw new SqlValueException(
          "realtime filters on MySQL/MariaDB take uuids in the canonical 8-4-4-4-12 form only");
    }
    UuidValue uuid = UuidValue.parse(text);
    if (uuid == null) {
      throw new SqlValueException("invalid input syntax for type uuid: \"" + text + "\"");
    }
    return uuid;
  }

  @Override
  Object read(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    return UuidValue.parse(node.textValue());
  }

  @Override
  int compare(Object a, Object b) {
    return ((UuidValue) a).compareTo((UuidValue) b);
  }

  @Override
  boolean ordered() {
    return !equalityOnly;
  }

  @Override
  String unorderedReason() {
    return "uuids are compared by equality only on MySQL/MariaDB (MariaDB orders them by their"
        + " time fields, MySQL as text)";
  }
}
