package io.fastschema.realtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {

  @Test
  void everyProblemIsReportedAtOnceNamingItsVariable() {
    ConfigReader r =
        new ConfigReader(
            ConfigSource.of(Map.of("DB_PORT", "abc", "DB_DRIVER", "sqlite", "APP_KEY", "short")));
    DatabaseConfig.read(r);
    r.get(CommonSettings.APP_KEY);
    InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, r::finish);
    String msg = e.getMessage();
    assertEquals(6, e.problems().size(), msg);
    assertTrue(msg.contains("DB_PORT (from environment): must be a whole number, was 'abc'"), msg);
    assertTrue(msg.contains("DB_DRIVER (from environment): sqlite has no change log"), msg);
    assertTrue(msg.contains("DB_NAME: required"), msg);
    assertTrue(msg.contains("DB_USER: required"), msg);
    assertTrue(msg.contains("DB_PASS: required"), msg);
    assertTrue(msg.contains("APP_KEY"), msg);
    assertFalse(msg.contains("short"), "a secret's value must not be shown: " + msg);
  }

  @Test
  void mysqlDriverIsAcceptedAndDefaultsToPort3306() {
    ConfigReader r =
        new ConfigReader(
            ConfigSource.of(
                Map.of("DB_DRIVER", "mysql", "DB_NAME", "fs", "DB_USER", "u", "DB_PASS", "p")));
    DatabaseConfig db = DatabaseConfig.read(r);
    r.finish();
    assertTrue(db.isMySql());
    assertEquals(3306, db.port());
    assertEquals("jdbc:mariadb://localhost:3306/fs?allowPublicKeyRetrieval=true", db.jdbcUrl());
  }

  @Test
  void defaultsApplyWhenUnsetOrBlank() {
    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of("DB_HOST", " ")));
    assertEquals("localhost", r.get(CommonSettings.DB_HOST));
    assertEquals(5432, r.get(CommonSettings.DB_PORT));
    r.finish();
  }

  @Test
  void environmentWinsOverFastSchemaDotEnv(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        dir.resolve("data/.env"),
        "# generated\nAPP_KEY=\"0123456789abcdef0123456789abcdef\"\nDB_NAME=fromfile\nDB_HOST=filehost\n");
    ConfigSource src =
        ConfigSource.withFastSchemaDotEnv(
            Map.of("FASTSCHEMA_DIR", dir.toString(), "DB_HOST", "envhost"));
    ConfigReader r = new ConfigReader(src);
    assertEquals("0123456789abcdef0123456789abcdef", r.get(CommonSettings.APP_KEY));
    assertEquals("fromfile", r.get(CommonSettings.DB_NAME));
    assertEquals("envhost", r.get(CommonSettings.DB_HOST));
    assertTrue(src.origin("DB_NAME").endsWith(".env"));
    r.finish();
  }

  @Test
  void booleansAcceptOnlyTrueOrFalse() {
    Setting<Boolean> flag = Setting.bool("X_FLAG").doc("x").defaultValue(false).build();
    ConfigReader r = new ConfigReader(ConfigSource.of(Map.of("X_FLAG", "yes")));
    r.get(flag);
    assertThrows(InvalidConfigurationException.class, r::finish);
    assertEquals(true, new ConfigReader(ConfigSource.of(Map.of("X_FLAG", "TRUE"))).get(flag));
  }
}
