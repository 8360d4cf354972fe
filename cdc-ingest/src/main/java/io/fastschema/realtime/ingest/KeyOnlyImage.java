package io.fastschema.realtime.ingest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Recognises a before-image that holds only the primary key although the table was FULL when ingest
 * started (its replica identity was changed since). PostgreSQL then sends the key and NULLs;
 * Debezium fills the NOT NULL columns with placeholders (the column's constant default, else {@code
 * ""}, 0, false, 1970-01-01, the zero uuid), which must never pass for the deleted row's values: a
 * filter judged on them would be judged on invented data.
 *
 * <p>An image is taken as key-only when every nullable non-key column is NULL and every NOT NULL
 * one holds such a placeholder. A real row can look like that only if all its NOT NULL columns hold
 * exactly their zero or default values and all its nullable ones are NULL; sending only its key
 * then loses nothing a subscriber could tell apart.
 */
final class KeyOnlyImage {

  private static final String EPOCH = "1970-01-01T00:00:00Z";
  private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";

  private KeyOnlyImage() {}

  static boolean holdsOnlyTheKey(Struct image, String primaryKey) {
    for (Field f : image.schema().fields()) {
      if (f.name().equals(primaryKey)) {
        continue;
      }
      Object value = image.getWithoutDefault(f.name());
      if (value == null) {
        continue;
      }
      if (f.schema().isOptional()) {
        return false; // a nullable column with a value: the database sent it
      }
      if (!Objects.equals(value, f.schema().defaultValue()) && !isPlaceholder(value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlaceholder(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0;
    }
    if (value instanceof Number n) {
      return n.doubleValue() == 0;
    }
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof String s) {
      return s.isEmpty()
          || s.equals(EPOCH)
          || s.equals(ZERO_UUID)
          || s.equals("{}")
          || s.startsWith("1970-01-01T00:00:00")
          || s.startsWith("00:00:00");
    }
    if (value instanceof byte[] b) {
      return b.length == 0;
    }
    if (value instanceof ByteBuffer b) {
      return !b.hasRemaining();
    }
    if (value instanceof java.util.Date d) {
      return d.getTime() == 0;
    }
    return false;
  }
}
