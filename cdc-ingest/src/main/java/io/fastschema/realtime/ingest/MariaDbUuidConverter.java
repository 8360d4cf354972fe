package io.fastschema.realtime.ingest;

import io.debezium.data.Uuid;
import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Reads MariaDB's native {@code uuid} columns (FastSchema's ids on MariaDB ≥ 10.7) whole.
 *
 * <p>The binlog writes a fixed-length binary value without its trailing zero bytes, so a uuid
 * ending in {@code 00} arrives as 15 bytes (about one id in 256). Debezium's MariaDB converter
 * (3.5, {@code MariaDbValueConverters.convertUuid}) turns those bytes into a number, which pads
 * them on the left: {@code 76720aef-…-17827a5fba00} became {@code 0076720a-…-4417827a5fba}, a role
 * whose members and permissions then named another role. Debezium pads plain {@code BINARY(n)}
 * columns on the right (DBZ-254) but not this type; this converter does, before Debezium's own.
 *
 * <p>Registered for the MariaDB connector only: MySQL has no uuid type (ent writes {@code char(36)}
 * there, which the binlog carries as text).
 *
 * <p>Thread-safe (stateless).
 */
public final class MariaDbUuidConverter
    implements CustomConverter<SchemaBuilder, RelationalColumn> {

  /** The name Debezium's configuration gives this converter ({@code converters=...}). */
  static final String NAME = "fastschemauuid";

  private static final int UUID_BYTES = 16;

  @Override
  public void configure(Properties props) {
    // Nothing to configure: the column type decides.
  }

  @Override
  public void converterFor(
      RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
    if (!"UUID".equalsIgnoreCase(column.typeName())) {
      return;
    }
    // Debezium's own schema for the type, so nothing downstream sees a difference but the value.
    registration.register(Uuid.builder(), value -> text(column, value));
  }

  /** The uuid's canonical text, or null for SQL NULL. */
  static String text(RelationalColumn column, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return fromBinlog(column, bytes);
    }
    if (value instanceof UUID uuid) {
      return uuid.toString();
    }
    if (value instanceof String s) {
      // A default value, or a row read over JDBC: MariaDB's own text, already whole.
      return s.toLowerCase(Locale.ROOT);
    }
    throw unexpected(column, "a value of type " + value.getClass().getName());
  }

  private static String fromBinlog(RelationalColumn column, byte[] bytes) {
    if (bytes.length > UUID_BYTES) {
      throw unexpected(column, bytes.length + " bytes in the binlog, at most 16 expected");
    }
    // Right-pad: the missing bytes are the value's trailing zeros.
    ByteBuffer whole = ByteBuffer.wrap(Arrays.copyOf(bytes, UUID_BYTES));
    return new UUID(whole.getLong(), whole.getLong()).toString();
  }

  private static IllegalArgumentException unexpected(RelationalColumn column, String what) {
    return new IllegalArgumentException(
        "uuid column " + column.dataCollection() + "." + column.name() + ": " + what);
  }
}
