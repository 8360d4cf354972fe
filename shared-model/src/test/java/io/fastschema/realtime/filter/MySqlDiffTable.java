package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.embedded.SampleApp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@link DiffTable} on MySQL/MariaDB: the table ent creates there for the {@code post} schema of
 * {@link FilterFixtures} ({@code utf8mb4_unicode_ci}, {@code enum}, {@code tinyint(1)}, {@code
 * datetime}, native {@code uuid} on MariaDB and {@code char(36)} on MySQL, {@code json}), random
 * rows whose texts exercise the collation (case, accents, expansions, trailing spaces and tabs,
 * characters outside the BMP), read back in FastSchema's JSON encoding on MySQL (times in UTC
 * without fractions).
 */
final class MySqlDiffTable {

  /** Letters that collate together or apart under utf8mb4_unicode_ci and general_ci. */
  private static final String[] ALPHABET = {
    "a", "A", "á", "Á", "à", "ä", "e", "E", "é", "É", "è", "ê", "s", "S", "ß", "ẞ", "ss", "æ", "ae",
    "Æ", "o", "ö", "œ", "K", "k", "\u212A", "i", "I", "İ", "ı", "%", "_", "＿", "\\", " ", " ", "\t",
    "1", "😀", "🐈", "中", "Ａ", "-"
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  /** FastSchema's time encoding on MySQL: RFC 3339 in UTC, whole seconds. */
  private static final java.time.format.DateTimeFormatter FASTSCHEMA_TIME =
      java.time.format.DateTimeFormatter.ofPattern(
          "uuuu-MM-dd'T'HH:mm:ss'Z'", java.util.Locale.ROOT);

  private MySqlDiffTable() {}

  static void create(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      drop(db);
      String options = " CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci";
      // ent's uuid: the native type on MariaDB 10.7+, char(36) (a collated text) on MySQL.
      String uuid = SampleApp.isMySqlServer(db) ? "char(36)" : "uuid";
      statement.execute(
          "CREATE TABLE `"
              + DiffTable.CATEGORIES
              + "` (id "
              + uuid
              + " PRIMARY KEY, name varchar(255) NOT NULL)"
              + options);
      statement.execute(
          "CREATE TABLE `"
              + DiffTable.TABLE
              + "` (id "
              + uuid
              + " PRIMARY KEY, name varchar(255) NULL, bio longtext NULL,"
              + " status enum('draft','published','in_review','ARCHIVED') NULL,"
              + " views bigint NULL, `rank` smallint NULL, stock bigint unsigned NULL,"
              + " score double NULL, ratio float NULL, active bool NULL,"
              + " published_at datetime NULL, ref "
              + uuid
              + " NULL, meta json NULL, `blob` longblob NULL, category_id "
              + uuid
              + " NULL, FOREIGN KEY (category_id) REFERENCES `"
              + DiffTable.CATEGORIES
              + "` (id) ON DELETE SET NULL)"
              + options);
    }
  }

  static void drop(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS `" + DiffTable.TABLE + "`");
      statement.execute("DROP TABLE IF EXISTS `" + DiffTable.CATEGORIES + "`");
    }
  }

  static void fill(Connection db, Random random, List<UUID> categories, List<UUID> refs, int count)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO `" + DiffTable.CATEGORIES + "` VALUES (?, ?)")) {
      for (UUID id : categories) {
        insert.setString(1, id.toString());
        insert.setString(2, "category " + id);
        insert.executeUpdate();
      }
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO `"
                + DiffTable.TABLE
                + "` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        insert.setString(1, FilterDifferentialTest.uuidV4(random).toString());
        DiffTable.setOrNull(insert, 2, random, Types.VARCHAR, () -> randomText(random, 8));
        DiffTable.setOrNull(insert, 3, random, Types.VARCHAR, () -> randomText(random, 12));
        DiffTable.setOrNull(
            insert,
            4,
            random,
            Types.VARCHAR,
            () -> DiffColumn.ENUM_VALUES.get(random.nextInt(DiffColumn.ENUM_VALUES.size())));
        DiffTable.setOrNull(insert, 5, random, Types.BIGINT, () -> DiffTable.randomBigint(random));
        DiffTable.setOrNull(
            insert, 6, random, Types.SMALLINT, () -> (short) DiffTable.randomSmallint(random));
        DiffTable.setOrNull(insert, 7, random, Types.BIGINT, () -> (long) random.nextInt(3));
        DiffTable.setOrNull(
            insert, 8, random, Types.DOUBLE, () -> finite(DiffTable.randomDouble(random)));
        DiffTable.setOrNull(insert, 9, random, Types.REAL, () -> DiffTable.randomFloat(random));
        DiffTable.setOrNull(insert, 10, random, Types.BOOLEAN, random::nextBoolean);
        DiffTable.setOrNull(
            insert,
            11,
            random,
            Types.TIMESTAMP,
            () ->
                DiffTable.randomTime(random)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime());
        DiffTable.setOrNull(
            insert,
            12,
            random,
            Types.VARCHAR,
            () -> refs.get(random.nextInt(refs.size())).toString());
        DiffTable.setOrNull(
            insert,
            13,
            random,
            Types.VARCHAR,
            () -> DiffTable.JSON_DOCS.get(random.nextInt(DiffTable.JSON_DOCS.size())));
        DiffTable.setOrNull(
            insert, 14, random, Types.BINARY, () -> DiffTable.randomText(random, 3).getBytes());
        DiffTable.setOrNull(
            insert,
            15,
            random,
            Types.VARCHAR,
            () -> categories.get(random.nextInt(categories.size())).toString());
        insert.executeUpdate();
      }
    }
  }

  /** MySQL has no infinities; DiffTable's extremes stay finite anyway. */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }

  /** Random letters of {@link #ALPHABET}, a quarter of them with trailing spaces. */
  static String randomText(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    if (random.nextInt(4) == 0) {
      text.append(" ".repeat(1 + random.nextInt(2)));
    }
    return text.toString();
  }

  /**
   * The rows as FastSchema's JSON encoding on MySQL, parsed back as events deliver them.
   *
   * @param db a connection with server-side prepared statements
   */
  static List<ObjectNode> readRows(Connection db) throws Exception {
    List<ObjectNode> rows = new ArrayList<>();
    // A prepared statement: the binary protocol carries floats exactly (the text protocol prints
    // a float with six digits), as the binlog does for ingest.
    try (PreparedStatement statement =
            db.prepareStatement(
                "SELECT id, name, bio, status, views, `rank`, stock, score, ratio, active,"
                    + " published_at, ref, meta, `blob`, category_id FROM `"
                    + DiffTable.TABLE
                    + "` ORDER BY id");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ObjectNode row = JSON.createObjectNode();
        row.put("id", rs.getString("id"));
        for (String text : List.of("name", "bio", "status")) {
          DiffTable.putText(row, rs, text);
        }
        DiffTable.putScalars(row, rs);
        LocalDateTime published = rs.getObject("published_at", LocalDateTime.class);
        if (published != null) {
          row.put("published_at", FASTSCHEMA_TIME.format(published));
        }
        DiffTable.putUuid(row, rs, "ref");
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
        DiffTable.putUuid(row, rs, "category_id");
        rows.add((ObjectNode) JSON.readTree(JSON.writeValueAsString(row)));
      }
    }
    return rows;
  }
}
