package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.SchemaCatalog;
import io.fastschema.realtime.testing.SharedServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The relation differential test's data: the tables FastSchema creates on PostgreSQL for {@link
 * RelationFixtures} (uuid keys, FKs with FastSchema's actions, a junction with a unique pair and
 * cascading FKs), filled with random rows that are also kept in FastSchema's JSON encoding (absent
 * key for a NULL text or integer, JSON null for a NULL uuid, as events carry them).
 */
final class RelationTables {

  /** Few distinct, case- and wildcard-bearing values, so that equality and LIKE hit often. */
  private static final String[] WORDS = {"a", "A", "ab", "b%", "x_y", "é", "É", "", "a\\b", "ba"};

  private static final String[] DROP = {
    "rel_blogs_tags", "rel_comments", "rel_profiles", "rel_blogs", "rel_tags", "rel_categories"
  };

  final Map<String, List<ObjectNode>> bySchema = new LinkedHashMap<>();
  final Map<String, List<ObjectNode>> byJunction = new LinkedHashMap<>();

  /** What a differential test's body gets: its seed and random source, the filled tables. */
  record Run(
      long seed,
      Random random,
      SchemaCatalog catalog,
      Connection db,
      RelationTables tables,
      TableRelatedRows related) {}

  /** A differential test's body. */
  interface Body {
    void run(Run run) throws Exception;
  }

  /**
   * Takes the seed ({@code -Drelations.seed}, else the clock) and prints it under {@code test},
   * creates and fills the tables from it, runs {@code body} and drops the tables.
   */
  static void withTables(SharedServices services, String test, Body body) throws Exception {
    long seed = Long.getLong("relations.seed", System.nanoTime());
    System.out.printf("%s: seed=%d (rerun with -Drelations.seed=%d)%n", test, seed, seed);
    Random random = new Random(seed);
    SchemaCatalog catalog = RelationFixtures.catalog();
    try (Connection db = services.appDb().connect()) {
      create(db);
      try {
        RelationTables tables = fill(db, random);
        TableRelatedRows related =
            new TableRelatedRows(catalog, tables.bySchema, tables.byJunction);
        body.run(new Run(seed, random, catalog, db, tables, related));
      } finally {
        drop(db);
      }
    }
  }

  private static void create(Connection db) throws SQLException {
    drop(db);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE rel_categories (id uuid PRIMARY KEY, name character varying)");
      s.execute("CREATE TABLE rel_tags (id uuid PRIMARY KEY, name character varying)");
      s.execute(
          "CREATE TABLE rel_blogs (id uuid PRIMARY KEY, title character varying, views bigint,"
              + " category_id uuid REFERENCES rel_categories (id) ON DELETE SET NULL)");
      s.execute(
          "CREATE TABLE rel_blogs_tags (blogs uuid NOT NULL REFERENCES rel_blogs (id) ON DELETE"
              + " CASCADE, tags uuid NOT NULL REFERENCES rel_tags (id) ON DELETE CASCADE,"
              + " CONSTRAINT rel_unique_blogs_tags UNIQUE (blogs, tags))");
      s.execute(
          "CREATE TABLE rel_comments (id uuid PRIMARY KEY, body character varying,"
              + " blog_id uuid REFERENCES rel_blogs (id) ON DELETE SET NULL)");
      s.execute(
          "CREATE TABLE rel_profiles (id uuid PRIMARY KEY, bio character varying,"
              + " blog_id uuid UNIQUE REFERENCES rel_blogs (id) ON DELETE SET NULL)");
    }
  }

  private static void drop(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      for (String table : DROP) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /** Random rows: some parents without children, children without parents, empty m2m sets. */
  static RelationTables fill(Connection db, Random random) throws SQLException {
    RelationTables t = new RelationTables();
    List<ObjectNode> categories = t.rows("category", 5, random, "name");
    List<ObjectNode> tags = t.rows("tag", 6, random, "name");
    List<ObjectNode> blogs = t.rows("blog", 40, random, "title");
    for (ObjectNode blog : blogs) {
      if (random.nextInt(5) > 0) {
        blog.put("views", random.nextInt(11) - 5);
      }
      t.link(blog, "category_id", categories, random, 4);
    }
    List<ObjectNode> comments = t.rows("comment", 60, random, "body");
    for (ObjectNode comment : comments) {
      t.link(comment, "blog_id", blogs, random, 6);
    }
    List<ObjectNode> profiles = t.rows("profile", 25, random, "bio");
    for (int i = 0; i < profiles.size(); i++) {
      // Unique FK: profile i belongs to blog i (or to none).
      ObjectNode blogId = profiles.get(i);
      if (random.nextInt(5) > 0) {
        blogId.put("blog_id", blogs.get(i).get("id").asText());
      } else {
        blogId.putNull("blog_id");
      }
    }
    List<ObjectNode> links = new ArrayList<>();
    for (ObjectNode blog : blogs) {
      int count = random.nextInt(4);
      List<ObjectNode> pool = new ArrayList<>(tags);
      for (int i = 0; i < count; i++) {
        ObjectNode tag = pool.remove(random.nextInt(pool.size()));
        ObjectNode link = JsonNodeFactory.instance.objectNode();
        link.put("blogs", blog.get("id").asText());
        link.put("tags", tag.get("id").asText());
        links.add(link);
      }
    }
    t.byJunction.put(RelationFixtures.JUNCTION, links);
    insert(db, "rel_categories", categories, "id", "name");
    insert(db, "rel_tags", tags, "id", "name");
    insert(db, "rel_blogs", blogs, "id", "title", "views", "category_id");
    insert(db, "rel_blogs_tags", links, "blogs", "tags");
    insert(db, "rel_comments", comments, "id", "body", "blog_id");
    insert(db, "rel_profiles", profiles, "id", "bio", "blog_id");
    return t;
  }

  private List<ObjectNode> rows(String schema, int count, Random random, String textColumn) {
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
      if (random.nextInt(6) > 0) {
        row.put(textColumn, WORDS[random.nextInt(WORDS.length)]);
      }
      rows.add(row);
    }
    bySchema.put(schema, rows);
    return rows;
  }

  private void link(ObjectNode row, String column, List<ObjectNode> targets, Random random, int n) {
    if (random.nextInt(n) == 0) {
      row.putNull(column);
    } else {
      row.put(column, targets.get(random.nextInt(targets.size())).get("id").asText());
    }
  }

  static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static void insert(Connection db, String table, List<ObjectNode> rows, String... columns)
      throws SQLException {
    String marks = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO "
                + table
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + marks
                + ")")) {
      for (ObjectNode row : rows) {
        for (int i = 0; i < columns.length; i++) {
          JsonNode value = row.get(columns[i]);
          if (value == null || value.isNull()) {
            insert.setNull(i + 1, Types.OTHER);
          } else if (value.isNumber()) {
            insert.setLong(i + 1, value.longValue());
          } else if (columns[i].equals("id")
              || columns[i].endsWith("_id")
              || i < 2 && table.equals("rel_blogs_tags")) {
            insert.setObject(i + 1, UUID.fromString(value.asText()));
          } else {
            insert.setString(i + 1, value.asText());
          }
        }
        insert.executeUpdate();
      }
    }
  }
}
