package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.FieldType;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One canonical text per primary-key value, so that the handshake's {@code id} and an event's key
 * meet in a hash map: integers in decimal ({@code +5} and {@code 05} are 5, as Go's Atoi reads
 * them), uuids lower-case, strings as they are. Event keys arrive canonical already (ingest writes
 * uuids lower-case), so only the handshake's side, which knows the key's type, is folded: a string
 * key that merely looks like a uuid keeps its capitals on both sides.
 */
final class RecordKeys {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
    return value.asText();
  }

  /**
   * Reads the handshake's {@code id} for a primary key; null for an integer 0, which FastSchema
   * reads as "no id". Throws {@link IllegalArgumentException} with the text to close with when it
   * cannot be a key of that type (syntax or range).
   */
  static String ofArgument(Field primaryKey, String raw) {
    FieldType type = primaryKey.type();
    if (type.isInteger()) {
      // Atoi's syntax: one optional sign, then ASCII digits (BigInteger alone would also take
      // "++5" after stripping a '+', and non-ASCII digits such as Arabic-Indic ones).
      if (!INTEGER.matcher(raw).matches()) {
        throw new IllegalArgumentException(invalid(raw, primaryKey));
      }
      java.math.BigInteger value = new java.math.BigInteger(raw);
      if (value.signum() == 0) {
        return null; // FastSchema reads id=0 as "no id": a schema-wide subscription
      }
      if (value.compareTo(minOf(type)) < 0 || value.compareTo(maxOf(type)) > 0) {
        throw new IllegalArgumentException(invalid(raw, primaryKey));
      }
      return value.toString();
    }
    if (type == FieldType.UUID) {
      // UUID.fromString alone also takes short forms such as "1-2-3-4-5" and signed fields.
      if (!UUID_TEXT.matcher(raw).matches()) {
        throw new IllegalArgumentException(invalid(raw, primaryKey));
      }
      return UUID.fromString(raw).toString();
    }
    return raw;
  }

  private static java.math.BigInteger minOf(FieldType type) {
    return switch (type) {
      case INT8 -> java.math.BigInteger.valueOf(Byte.MIN_VALUE);
      case INT16 -> java.math.BigInteger.valueOf(Short.MIN_VALUE);
      case INT32 -> java.math.BigInteger.valueOf(Integer.MIN_VALUE);
      case INT, INT64 -> java.math.BigInteger.valueOf(Long.MIN_VALUE);
      default -> java.math.BigInteger.ONE; // unsigned keys; 0 means "no id"
    };
  }

  private static java.math.BigInteger maxOf(FieldType type) {
    return switch (type) {
      case INT8 -> java.math.BigInteger.valueOf(Byte.MAX_VALUE);
      case INT16 -> java.math.BigInteger.valueOf(Short.MAX_VALUE);
      case INT32 -> java.math.BigInteger.valueOf(Integer.MAX_VALUE);
      case INT, INT64 -> java.math.BigInteger.valueOf(Long.MAX_VALUE);
      case UINT8 -> java.math.BigInteger.valueOf(255);
      case UINT16 -> java.math.BigInteger.valueOf(65_535);
      case UINT32 -> java.math.BigInteger.valueOf(4_294_967_295L);
      default -> java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
    };
  }

  private static String invalid(String raw, Field pk) {
    return "realtime.content: invalid id '"
        + raw
        + "' ("
        + pk.name()
        + " is "
        + pk.type().name().toLowerCase(Locale.ROOT)
        + ")";
  }
}
