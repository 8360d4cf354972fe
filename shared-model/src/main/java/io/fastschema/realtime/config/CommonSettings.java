package io.fastschema.realtime.config;

import io.fastschema.realtime.config.Setting.Tier;
import java.util.List;

/**
 * Settings shared by every process. Where FastSchema has a variable for the same thing, its name is
 * reused, so that a FastSchema deployment's environment (or its {@code data/.env}) configures us
 * too.
 */
public final class CommonSettings {

  private CommonSettings() {}

  public static final Setting<String> APP_KEY =
      Setting.string("APP_KEY")
          .doc(
              "FastSchema's application key; access tokens are HMAC-signed with its raw bytes. "
                  + "Read from the environment, else from $FASTSCHEMA_DIR/data/.env. At least 32 bytes.")
          .secret()
          .tier(Tier.ESSENTIAL)
          .check(
              v ->
                  v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32
                      ? "must be at least 32 bytes long for HMAC-SHA256 (FastSchema generates 32 characters)"
                      : null)
          .build();

  public static final Setting<String> FASTSCHEMA_DIR =
      Setting.string("FASTSCHEMA_DIR")
          .doc(
              "The FastSchema application directory; schemas are read from data/schemas/*.json and "
                  + "variables from data/.env. Unset in embedded mode (a sample app is generated).")
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<String> DB_DRIVER =
      Setting.oneOf("DB_DRIVER", "pgx", "mysql", "sqlite")
          .doc(
              "FastSchema's database driver: pgx (PostgreSQL, logical replication) or mysql (MySQL "
                  + "8.0+ and MariaDB 10.6+, read from the binlog; the flavour is detected). sqlite "
                  + "is refused: it has no change log that another process can follow. Fanout "
                  + "reads it too: filters answer as this database does (mysql: "
                  + "utf8mb4_unicode_ci string comparison).")
          .defaultValue("pgx")
          .tier(Tier.ESSENTIAL)
          .check(
              v ->
                  v.equals("sqlite")
                      ? "sqlite has no change log another process can follow (no WAL stream, no "
                          + "binlog); run FastSchema on PostgreSQL, MySQL or MariaDB"
                      : null)
          .build();

  public static final Setting<String> DB_HOST =
      Setting.string("DB_HOST")
          .doc("Database host.")
          .defaultValue("localhost")
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<Integer> DB_PORT =
      Setting.integer("DB_PORT", 1, 65535)
          .doc("Database port; when unset, 5432 for pgx and 3306 for mysql.")
          .defaultValue(5432)
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<String> DB_NAME =
      Setting.string("DB_NAME").doc("Database name.").tier(Tier.ESSENTIAL).build();

  public static final Setting<String> DB_USER =
      Setting.string("DB_USER")
          .doc(
              "Database role: the one FastSchema uses (owner of its tables). PostgreSQL: with the "
                  + "REPLICATION attribute. MySQL/MariaDB: with SELECT, RELOAD, SHOW DATABASES, "
                  + "REPLICATION SLAVE, REPLICATION CLIENT. No superuser needed.")
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<String> DB_PASS =
      Setting.string("DB_PASS").doc("Database password.").secret().tier(Tier.ESSENTIAL).build();

  public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS =
      Setting.string("KAFKA_BOOTSTRAP_SERVERS")
          .doc(
              "Kafka bootstrap servers (host:port,...). The standalone jar starts an in-process "
                  + "broker when unset; cdc-ingest and fanout-server require it.")
          .tier(Tier.ESSENTIAL)
          .build();

  public static final Setting<String> REALTIME_TOPIC_PREFIX =
      Setting.string("REALTIME_TOPIC_PREFIX")
          .doc("Prefix of the per-schema topics: events of schema s go to <prefix>.s.")
          .defaultValue("fastschema")
          .check(
              v ->
                  v.matches("[A-Za-z0-9._-]+")
                      ? null
                      : "may contain only letters, digits, '.', '_' and '-' (Kafka topic names)")
          .build();

  public static List<Setting<?>> all() {
    return List.of(
        APP_KEY,
        FASTSCHEMA_DIR,
        DB_DRIVER,
        DB_HOST,
        DB_PORT,
        DB_NAME,
        DB_USER,
        DB_PASS,
        KAFKA_BOOTSTRAP_SERVERS,
        REALTIME_TOPIC_PREFIX);
  }
}
