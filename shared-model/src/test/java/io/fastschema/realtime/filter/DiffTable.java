package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The differential test's data: a table shaped as FastSchema creates one on PostgreSQL for the
 * {@code post} schema of {@link FilterFixtures} (ent's column types, default collation), random
 * rows, and the rows read back in FastSchema's JSON encoding (spec 1.11), as events carry them.
 */
final class DiffTable {

  static final String TABLE = "filter_diff";
  static final String CATEGORIES = "filter_diff_categories";

  /**
   * Characters that exercise case folding, LIKE wildcards and escapes, and code point order against
   * UTF-16 order (an emoji against the full-width {@code Ａ}).
   */
  private static final String[] ALPHABET = {
    "a", "b", "c", "A", "B", "C", "é", "É", "ß", "ẞ", "Σ", "σ", "ς", "K", "k", "\u212A", "%", "_",
    "\\", " ", "1", "😀", "中", "İ", "i", "ı", "Ａ"
  };

  /**
   * Row json values. No jsonb {@code null} (FastSchema encodes it like SQL NULL) and no number
   * beyond double precision: rows are parsed as {@code RecordEventCodec} parses events (doubles),
   * which cannot carry them exactly (RowFilterMatchTest covers exact decimal nodes).
   */
  static final List<String> JSON_DOCS =
      List.of(
          "{\"a\": 1}",
          "{\"a\": 1.0}",
          "{\"a\": 1, \"b\": 2}",
          "{\"b\": 2, \"a\": 1}",
          "{\"a\": \"x\"}",
          "{\"a\": \"X\"}",
          "{\"a\": [1, 2]}",
          "{\"a\": [2]}",
          "{\"a\": {\"b\": null}}",
          "{\"a\": true}",
          "{\"aa\": 1}",
          "{\"b\": 1}",
          "{}",
          "{\"a\": \"é\"}",
          "{\"a\": \"😀\"}",
          "{\"é\": 1}",
          "[1, 2]",
          "[]",
          "5",
          "\"str\"",
          "true",
          "{\"a\": 1, \"b\": [1, {\"c\": \"d\"}]}",
          "{\"a\": 1.5e300}",
          "{\"a\": -0.0}",
          "{\"a\": 0.30000000000000004}",
          "{\"a\": 100, \"b\": 1e2}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiffTable() {}

  static void create(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute("DROP TABLE IF EXISTS " + CATEGORIES);
      statement.execute(
          "CREATE TABLE " + CATEGORIES + " (id uuid PRIMARY KEY, name character varying NOT NULL)");
      statement.execute(
          "CREATE TABLE "
              + TABLE
              + " (id uuid PRIMARY KEY,"
              + " name character varying, bio text, status character varying,"
              + " views bigint, rank smallint, stock bigint,"
              + " score double precision, ratio real, active boolean,"
              + " published_at timestamp with time zone, ref uuid, meta jsonb, blob bytea,"
              + " category_id uuid REFERENCES "
              + CATEGORIES
              + " (id) ON DELETE SET NULL)");
    }
  }

  static void drop(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute("DROP TABLE IF EXISTS " + CATEGORIES);
    }
  }

  /** Inserts the categories and {@code count} random rows. */
  static void fill(Connection db, Random random, List<UUID> categories, List<UUID> refs, int count)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO " + CATEGORIES + " VALUES (?, ?)")) {
      for (UUID id : categories) {
        insert.setObject(1, id);
        insert.setString(2, "category " + id);
        insert.executeUpdate();
      }
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        insertRow(insert, random, categories, refs);
      }
    }
  }

  private static void insertRow(
      PreparedStatement insert, Random random, List<UUID> categories, List<UUID> refs)
      throws SQLException {
    insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
    setOrNull(insert, 2, random, Types.VARCHAR, () -> randomText(random, 8));
    setOrNull(insert, 3, random, Types.VARCHAR, () -> randomText(random, 12));
    setOrNull(
        insert,
        4,
        random,
        Types.VARCHAR,
        () -> DiffColumn.ENUM_VALUES.get(random.nextInt(DiffColumn.ENUM_VALUES.size())));
    setOrNull(insert, 5, random, Types.BIGINT, () -> randomBigint(random));
    setOrNull(insert, 6, random, Types.SMALLINT, () -> (short) randomSmallint(random));
    // A NULL uint is written as 0 to clients, but must be judged as NULL (never equal to 0).
    setOrNull(insert, 7, random, Types.BIGINT, () -> (long) random.nextInt(3));
    setOrNull(insert, 8, random, Types.DOUBLE, () -> randomDouble(random));
    setOrNull(insert, 9, random, Types.REAL, () -> randomFloat(random));
    setOrNull(insert, 10, random, Types.BOOLEAN, random::nextBoolean);
    setOrNull(insert, 11, random, Types.TIMESTAMP_WITH_TIMEZONE, () -> randomTime(random));
    setOrNull(insert, 12, random, Types.OTHER, () -> refs.get(random.nextInt(refs.size())));
    if (random.nextInt(6) == 0) {
      insert.setNull(13, Types.OTHER);
    } else {
      insert.setObject(13, JSON_DOCS.get(random.nextInt(JSON_DOCS.size())), Types.OTHER);
    }
    setOrNull(insert, 14, random, Types.BINARY, () -> randomText(random, 3).getBytes());
    setOrNull(
        insert, 15, random, Types.OTHER, () -> categories.get(random.nextInt(categories.size())));
    insert.executeUpdate();
  }

  interface ValueSource {
    Object next();
  }

  /** {@code value}, or NULL one time in seven. */
  static void setOrNull(
      PreparedStatement insert, int index, Random random, int sqlType, ValueSource value)
      throws SQLException {
    if (random.nextInt(7) == 0) {
      insert.setNull(index, sqlType);
    } else {
      insert.setObject(index, value.next());
    }
  }

  static String randomText(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  static long randomBigint(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return (1L << 53) + random.nextInt(5) - 2;
      case 1:
        return -random.nextInt(1_000_000_000) * 1_000_000L;
      case 2:
        return Long.MAX_VALUE - random.nextInt(3);
      default:
        return random.nextInt(101) - 50;
    }
  }

  static int randomSmallint(Random random) {
    return random.nextInt(4) == 0 ? random.nextInt(65_536) - 32_768 : random.nextInt(41) - 20;
  }

  static double randomDouble(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return random.nextInt(41) - 20;
      case 1:
        return (random.nextInt(161) - 80) / 8.0;
      case 2:
        return random.nextBoolean() ? -0.0 : 0.0;
      case 3:
        return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
      case 4:
        return random.nextBoolean() ? 1e300 : -1e-300;
      default:
        return random.nextGaussian();
    }
  }

  /** A finite float32: FastSchema's JSON cannot carry infinities. */
  static float randomFloat(Random random) {
    float value = (float) randomDouble(random);
    return Float.isInfinite(value) ? Math.copySign(3.4e38f, value) : value;
  }

  static OffsetDateTime randomTime(Random random) {
    Instant base = Instant.parse("2024-03-01T12:00:00Z");
    long micros =
        random.nextInt(3) == 0
            ? random.nextInt(5) - 2
            : (long) ((random.nextDouble() - 0.5) * 4e15);
    return base.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** The rows as FastSchema's JSON encoding, parsed back as events deliver them. */
  static List<ObjectNode> readRows(Connection db, Random random) throws Exception {
    List<ObjectNode> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT id, name, bio, status, views, rank, stock,"
                    + " score, ratio, active, published_at, ref, meta::text, blob, category_id FROM "
                    + TABLE
                    + " ORDER BY id")) {
      while (rs.next()) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", rs.getString("id"));
        putText(row, rs, "name");
        putText(row, rs, "bio");
        putText(row, rs, "status");
        putScalars(row, rs);
        OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
        if (published != null) {
          // The driver's zone varies by deployment; any offset must work.
          ZoneOffset zone = ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800);
          row.put(
              "published_at",
              DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(published.withOffsetSameInstant(zone)));
        }
        putUuid(row, rs, "ref");
        String meta = rs.getString("meta");
        if (meta != null) {
          row.set("meta", JSON.readTree(meta));
        }
        byte[] blob = rs.getBytes("blob");
        if (blob == null) {
          row.putNull("blob");
        } else {
          row.put("blob", Base64.getEncoder().encodeToString(blob));
        }
        putUuid(row, rs, "category_id");
        rows.add((ObjectNode) JSON.readTree(JSON.writeValueAsString(row)));
      }
    }
    return rows;
  }

  /** views, rank, stock, score, ratio and active as events carry them (shared with MySQL). */
  static void putScalars(ObjectNode row, ResultSet rs) throws SQLException {
    long views = rs.getLong("views");
    if (!rs.wasNull()) {
      row.put("views", views);
    }
    int rank = rs.getInt("rank");
    if (!rs.wasNull()) {
      row.put("rank", rank);
    }
    long stock = rs.getLong("stock");
    if (rs.wasNull()) {
      row.putNull("stock"); // events carry NULL where FastSchema's client encoding says 0
    } else {
      row.put("stock", stock);
    }
    double score = rs.getDouble("score");
    if (!rs.wasNull()) {
      row.put("score", score);
    }
    float ratio = rs.getFloat("ratio");
    if (!rs.wasNull()) {
      // Go prints a float32 with float32 precision.
      row.put("ratio", ratio);
    }
    boolean active = rs.getBoolean("active");
    if (!rs.wasNull()) {
      row.put("active", active);
    }
  }

  static void putText(ObjectNode row, ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    if (value != null) {
      row.put(column, value);
    }
  }

  /** NULL uuids are JSON null in events (clients get FastSchema's zero uuid, filters a NULL). */
  static void putUuid(ObjectNode row, ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    if (value == null) {
      row.putNull(column);
    } else {
      row.put(column, value);
    }
  }

  static String text(JsonNode row, String field) {
    JsonNode value = row.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
