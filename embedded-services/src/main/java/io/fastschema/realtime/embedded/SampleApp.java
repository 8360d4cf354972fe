package io.fastschema.realtime.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample FastSchema application used by the one-command run and the tests: schemas {@code
 * blog}, {@code category} and {@code tag} on top of FastSchema v0.10's system schemas.
 *
 * <ul>
 *   <li>{@code blog} → table {@code blogs}: integer identity {@code id}, title, body?, views,
 *       published, published_at?, meta? (jsonb), status (enum draft|published|archived),
 *       external_ref? (uuid), {@code category_id}? (FK categories, ON DELETE SET NULL), tags m2m.
 *   <li>{@code category} → {@code categories}: uuid {@code id}, name, slug (unique), posts (o2m
 *       owner).
 *   <li>{@code tag} → {@code tags}: uuid {@code id}, name, blogs m2m; junction {@code blogs_tags}
 *       with columns {@code blogs} (blog ids) and {@code tags} (tag ids).
 * </ul>
 *
 * <p>The schema JSON files are written the way FastSchema's schema API saves them ({@code
 * json.MarshalIndent}, two spaces, keys in Go struct order). The DDL is in the resources {@code
 * sample-app/schema.sql} (PostgreSQL) and {@code sample-app/mariadb-schema.sql} (MariaDB,
 * FastSchema's MySQL layout) next to this class; the database's {@link DatabaseKind} picks one.
 * Stateless; every method opens its own connection.
 */
public final class SampleApp {

  /** Schema names, i.e. the files {@code data/schemas/<name>.json}. */
  public static final List<String> SCHEMA_NAMES = List.of("blog", "category", "tag");

  /** Every table {@link #createTables} creates, in creation order. */
  public static final List<String> TABLES =
      List.of(
          "roles",
          "users",
          "files",
          "permissions",
          "roles_users",
          "sessions",
          "migrations",
          "categories",
          "tags",
          "blogs",
          "blogs_tags");

  public static final String ADMIN_USERNAME = "admin";
  public static final String ADMIN_EMAIL = "admin@example.com";

  /** Looks like a bcrypt hash; is the hash of no password. */
  public static final String FAKE_PASSWORD_HASH =
      "$2a$10$Z2Zha2VoYXNoZm9ydGVzdHMuTm90QVJlYWxIYXNoQXRBbGwuLi4uLg";

  private static final String RESOURCES = "sample-app/";

  private SampleApp() {}

  /**
   * Writes {@code <appDir>/data/schemas/{blog,category,tag}.json} and {@code <appDir>/data/.env}
   * containing {@code APP_KEY=<appKey>}, replacing existing files.
   */
  public static void writeAppDir(Path appDir, String appKey) {
    if (appKey.isEmpty() || appKey.contains("\n") || appKey.contains("\r")) {
      throw new IllegalArgumentException("appKey must be a non-empty single line");
    }
    Path data = appDir.resolve("data");
    Path schemas = data.resolve("schemas");
    try {
      Files.createDirectories(schemas);
      for (String schema : SCHEMA_NAMES) {
        try (InputStream json = resource("schemas/" + schema + ".json")) {
          Files.copy(json, schemas.resolve(schema + ".json"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      // Same line FastSchema appends when it generates a key (init.go).
      Files.writeString(data.resolve(".env"), "APP_KEY=" + appKey + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the sample app into " + appDir, e);
    }
  }

  /**
   * Creates the tables of FastSchema's system schemas and of the sample schemas, connected as
   * {@code appDb.user()} so that role owns them. One transaction; the database must not contain
   * these tables yet.
   */
  public static void createTables(DatabaseCoordinates appDb) {
    boolean mariaDb = appDb.kind() == DatabaseKind.MARIADB;
    String file = mariaDb ? "mariadb-schema.sql" : "schema.sql";
    String ddl;
    try (InputStream sql = resource(file)) {
      ddl = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCES + file, e);
    }
    inTransaction(
        appDb,
        "create the sample app tables",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            if (mariaDb) {
              String script = isMySqlServer(connection) ? withMySqlUuids(ddl) : ddl;
              // DDL commits implicitly on MariaDB; one statement per call.
              for (String one : script.split(";\n")) {
                if (!one.replaceAll("(?m)^--.*$", "").isBlank()) {
                  statement.execute(one);
                }
              }
            } else {
              statement.execute(ddl); // pgjdbc sends the whole script; PostgreSQL runs it in order
            }
          }
          return null;
        });
  }

  /**
   * Whether a server reached through MariaDB Connector/J is MySQL rather than MariaDB ({@code
   * VERSION()} names MariaDB on MariaDB only).
   */
  public static boolean isMySqlServer(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      rs.next();
      return !rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
    }
  }

  /**
   * The MySQL form of the MariaDB script: ent's MySQL dialect stores a uuid field as {@code
   * char(36)} on MySQL (it has no uuid type) and as the native {@code uuid} on MariaDB 10.7+; the
   * table collation stays utf8mb4_unicode_ci, so a uuid compares as text there.
   */
  static String withMySqlUuids(String mariaDbDdl) {
    return mariaDbDdl.replaceAll("(?m)^(  `\\w+`) uuid ", "$1 char(36) ");
  }

  /**
   * Inserts roles Admin (root), User and Guest (as FastSchema's setup does: description empty,
   * {@code system} left NULL), one active {@code admin} user holding Admin, 2 categories, 3 tags
   * and 5 blogs with tag links. One transaction.
   */
  public static SeededIds seed(DatabaseCoordinates appDb) {
    SeedSql sql = appDb.kind() == DatabaseKind.MARIADB ? SeedSql.MARIADB : SeedSql.POSTGRESQL;
    return inTransaction(appDb, "seed the sample app", c -> insertSeedRows(c, sql));
  }

  /**
   * What differs between the dialects in the seed statements: how a new uuid is made and the casts
   * PostgreSQL needs on text parameters (MariaDB converts them by column type). MariaDB 10.5+ has
   * {@code INSERT ... RETURNING} too.
   */
  private record SeedSql(String newUuid, String uuid, String time, String json) {
    static final SeedSql POSTGRESQL =
        new SeedSql("gen_random_uuid()", "::uuid", "::timestamptz", "::jsonb");
    static final SeedSql MARIADB = new SeedSql("UUID()", "", "", "");

    /** An RFC 3339 UTC time as this dialect's time parameter (MariaDB: a datetime literal). */
    Object timeValue(Object rfc3339) {
      if (rfc3339 == null || this == POSTGRESQL) {
        return rfc3339;
      }
      return rfc3339.toString().replace('T', ' ').replace("Z", "");
    }
  }

  private static SeededIds insertSeedRows(Connection connection, SeedSql sql) throws SQLException {
    String insertRole =
        "INSERT INTO roles (id, name, description, root) "
            + "VALUES ("
            + sql.newUuid()
            + ", ?, '', ?) RETURNING id";
    String admin = returningId(connection, insertRole, "Admin", true);
    String user = returningId(connection, insertRole, "User", false);
    String guest = returningId(connection, insertRole, "Guest", false);
    String adminUser =
        returningId(
            connection,
            "INSERT INTO users "
                + "(id, username, email, password, active, provider) "
                + "VALUES ("
                + sql.newUuid()
                + ", ?, ?, ?, true, 'local') RETURNING id",
            ADMIN_USERNAME,
            ADMIN_EMAIL,
            FAKE_PASSWORD_HASH);
    update(
        connection,
        "INSERT INTO roles_users (roles, users) VALUES (?" + sql.uuid() + ", ?" + sql.uuid() + ")",
        admin,
        adminUser);

    String insertCategory =
        "INSERT INTO categories (id, name, slug) VALUES (" + sql.newUuid() + ", ?, ?) RETURNING id";
    List<String> categories =
        List.of(
            returningId(connection, insertCategory, "Engineering", "engineering"),
            returningId(connection, insertCategory, "Travel", "travel"));
    String insertTag = "INSERT INTO tags (id, name) VALUES (" + sql.newUuid() + ", ?) RETURNING id";
    List<String> tags =
        List.of(
            returningId(connection, insertTag, "java"),
            returningId(connection, insertTag, "postgres"),
            returningId(connection, insertTag, "kafka"));

    List<Long> blogs = insertBlogs(connection, categories, sql);
    int[][] links = {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 0}, {3, 2}};
    for (int[] link : links) {
      update(
          connection,
          "INSERT INTO blogs_tags (blogs, tags) VALUES (?, ?" + sql.uuid() + ")",
          blogs.get(link[0]),
          tags.get(link[1]));
    }
    return new SeededIds(adminUser, admin, user, guest, categories, tags, blogs);
  }

  private static List<Long> insertBlogs(Connection connection, List<String> categories, SeedSql sql)
      throws SQLException {
    String insertBlog =
        String.format(
            "INSERT INTO blogs (title, body, views, published, published_at, meta, "
                + "status, external_ref, category_id) "
                + "VALUES (?, ?, ?, ?, ?%s, ?%s, ?, ?%s, ?%s) RETURNING id",
            sql.time(), sql.json(), sql.uuid(), sql.uuid());
    Object[][] rows = {
      {
        "Hello FastSchema",
        "First post.",
        10,
        true,
        "2025-01-02T03:04:05Z",
        "{\"lang\":\"en\",\"score\":4.5}",
        "published",
        null,
        categories.get(0)
      },
      {
        "Logical decoding in practice",
        "pgoutput, slots and publications.",
        42,
        true,
        "2025-02-03T04:05:06Z",
        "{\"lang\":\"en\"}",
        "published",
        "0190b6a8-5b7e-7c2d-8f3a-1234567890ab",
        categories.get(0)
      },
      {"Draft: Kafka fan-out", null, 0, false, null, null, "draft", null, categories.get(0)},
      {
        "Lisbon in three days",
        "Trams and pastéis.",
        7,
        true,
        "2025-03-04T05:06:07Z",
        "{\"tags\":[\"city\",\"food\"]}",
        "published",
        null,
        categories.get(1)
      },
      {"Old announcement", "Superseded.", 1, false, null, null, "archived", null, null},
    };
    List<Long> ids = new ArrayList<>();
    for (Object[] row : rows) {
      row[4] = sql.timeValue(row[4]);
      try (PreparedStatement statement = prepare(connection, insertBlog, row);
          ResultSet result = statement.executeQuery()) {
        result.next();
        ids.add(result.getLong(1));
      }
    }
    return ids;
  }

  private static String returningId(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getString(1);
    }
  }

  private static void update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] == null) {
          statement.setNull(i + 1, java.sql.Types.VARCHAR);
        } else {
          statement.setObject(i + 1, parameters[i]);
        }
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static InputStream resource(String name) {
    InputStream stream = SampleApp.class.getResourceAsStream(RESOURCES + name);
    if (stream == null) {
      throw new IllegalStateException(
          "missing classpath resource "
              + RESOURCES
              + name
              + " next to "
              + SampleApp.class.getName());
    }
    return stream;
  }

  /** Work done inside one JDBC transaction. */
  @FunctionalInterface
  private interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private static <T> T inTransaction(DatabaseCoordinates db, String what, TransactionWork<T> work) {
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not " + what + " on " + db, e);
    }
  }
}
