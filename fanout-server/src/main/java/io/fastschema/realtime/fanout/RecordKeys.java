package io.fastschema.realtime.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.FieldType;
import java.util.Locale;
import java.util.UUID;

/**
 * One canonical text per primary-key value, so that the handshake's {@code id} and an event's key
 * meet in a hash map: integers in decimal ({@code +5} and {@code 05} are 5, as Go's Atoi reads
 * them), uuids lower-case, strings as they are.
 */
final class RecordKeys {

  private RecordKeys() {}

  /** The canonical key of an event's primary-key value. */
  static String ofValue(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return value.decimalValue().stripTrailingZeros().toPlainString();
    }
    String text = value.asText();
    return looksLikeUuid(text) ? text.toLowerCase(Locale.ROOT) : text;
  }

  /**
   * Reads the handshake's {@code id} for a primary key; throws {@link IllegalArgumentException}
   * with the text to close with when it cannot be a key of that type.
   */
  static String ofArgument(Field primaryKey, String raw) {
    FieldType type = primaryKey.type();
    if (type.isInteger()) {
      try {
        return new java.math.BigInteger(raw.startsWith("+") ? raw.substring(1) : raw).toString();
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(invalid(raw, primaryKey));
      }
    }
    if (type == FieldType.UUID) {
      try {
        return UUID.fromString(raw).toString();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(invalid(raw, primaryKey));
      }
    }
    return raw;
  }

  private static String invalid(String raw, Field pk) {
    return "realtime.content: invalid id '" + raw + "' (" + pk.name() + " is "
        + pk.type().name().toLowerCase(Locale.ROOT) + ")";
  }

  private static boolean looksLikeUuid(String s) {
    return s.length() == 36 && s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-'
        && s.charAt(23) == '-';
  }
}
