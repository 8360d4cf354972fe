package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.debezium.spi.converter.RelationalColumn;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class MariaDbUuidConverterTest {

  private static final RelationalColumn ID = new Column("roles", "id", "UUID");

  /** The bytes the binlog carries for a uuid: its 16 bytes without the trailing zeros. */
  private static byte[] binlogBytes(String uuid) {
    byte[] whole = HexFormat.of().parseHex(uuid.replace("-", ""));
    int n = whole.length;
    while (n > 0 && whole[n - 1] == 0) {
      n--;
    }
    return Arrays.copyOf(whole, n);
  }

  @Test
  void aUuidEndingInZeroBytesIsPaddedOnTheRight() {
    for (String uuid :
        new String[] {
          "76720aef-46a7-4274-8f44-17827a5fba00",
          "76720aef-46a7-4274-8f44-170000000000",
          "00000000-0000-0000-0000-000000000100",
          "0076720a-ef46-a742-748f-4417827a5fba",
          "00000000-0000-0000-0000-000000000000",
        }) {
      byte[] bytes = binlogBytes(uuid);
      assertEquals(uuid, MariaDbUuidConverter.text(ID, bytes), bytes.length + " bytes");
    }
  }

  @Test
  void snapshotAndDefaultValuesPassAsText() {
    UUID u = UUID.fromString("0190b6a8-5b7e-7c2d-8f3a-1234567890ab");
    assertEquals(u.toString(), MariaDbUuidConverter.text(ID, u));
    assertEquals(
        u.toString(), MariaDbUuidConverter.text(ID, "0190B6A8-5B7E-7C2D-8F3A-1234567890AB"));
    assertNull(MariaDbUuidConverter.text(ID, null));
  }

  @Test
  void moreThanSixteenBytesOrAnotherTypeIsAnErrorNamingTheColumn() {
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class, () -> MariaDbUuidConverter.text(ID, new byte[17]));
    assertTrue(tooLong.getMessage().contains("roles.id") && tooLong.getMessage().contains("17"));
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> MariaDbUuidConverter.text(ID, 42L));
    assertTrue(other.getMessage().contains("java.lang.Long"), other.getMessage());
  }

  @Test
  void onlyUuidColumnsAreConverted() {
    AtomicReference<SchemaBuilder> registered = new AtomicReference<>();
    MariaDbUuidConverter converter = new MariaDbUuidConverter();
    converter.converterFor(new Column("roles", "name", "VARCHAR"), (s, c) -> registered.set(s));
    assertNull(registered.get(), "a varchar column keeps Debezium's converter");
    converter.converterFor(ID, (s, c) -> registered.set(s));
    assertEquals("io.debezium.data.Uuid", registered.get().name(), "Debezium's own uuid schema");
  }

  /** A column as Debezium describes it to a converter; only what the converter reads. */
  private record Column(String table, String name, String typeName) implements RelationalColumn {
    @Override
    public String dataCollection() {
      return "fastschema." + table;
    }

    @Override
    public int jdbcType() {
      return java.sql.Types.OTHER;
    }

    @Override
    public int nativeType() {
      return -1;
    }

    @Override
    public String typeExpression() {
      return typeName;
    }

    @Override
    public OptionalInt length() {
      return OptionalInt.empty();
    }

    @Override
    public OptionalInt scale() {
      return OptionalInt.empty();
    }

    @Override
    public boolean isOptional() {
      return false;
    }

    @Override
    public Object defaultValue() {
      return null;
    }

    @Override
    public boolean hasDefaultValue() {
      return false;
    }
  }
}
