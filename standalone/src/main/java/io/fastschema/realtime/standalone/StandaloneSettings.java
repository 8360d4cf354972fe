package io.fastschema.realtime.standalone;

import io.fastschema.realtime.config.Setting;
import java.util.List;

/** Settings of the standalone jar's embedded mode only. */
public final class StandaloneSettings {

  private StandaloneSettings() {}

  /** The embedded database when nothing says to attach: {@code postgresql} or {@code mariadb}. */
  public static final Setting<String> EMBEDDED_DB =
      Setting.oneOf("REALTIME_EMBEDDED_DB", "postgresql", "mariadb")
          .doc(
              "Embedded mode only (no DB_* or FASTSCHEMA_DIR set): the database started for the "
                  + "sample app. postgresql (17, logical replication) or mariadb (11.4 with "
                  + "FastSchema's MySQL layout, read from the binlog, filters with MySQL semantics).")
          .defaultValue("postgresql")
          .build();

  public static List<Setting<?>> all() {
    return List.of(EMBEDDED_DB);
  }
}
