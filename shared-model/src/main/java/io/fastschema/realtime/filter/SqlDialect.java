package io.fastschema.realtime.filter;

/**
 * The database FastSchema runs the filter in, which decides what the filter means: {@link
 * #POSTGRESQL} ({@code DB_DRIVER=pgx}) or {@link #MYSQL} ({@code DB_DRIVER=mysql}: MySQL and
 * MariaDB, whose FastSchema tables are {@code utf8mb4_unicode_ci}).
 *
 * <p>What differs on {@link #MYSQL} (package documentation has the whole list): strings compare
 * case- and accent-insensitively with trailing spaces ignored by {@code =}, {@code <}, {@code IN}
 * (not by {@code LIKE}); {@code $containsfold} folds as {@code utf8mb4_general_ci}; integers take
 * numeric strings as decimals ({@code "5.0"}) and only values within ±2^53; a float32 column is
 * compared in double precision with the filter value; times compare as the written wall-clock time
 * (in UTC, whole seconds stored); uuids only by equality; json only by {@code $null}.
 */
public enum SqlDialect {
  POSTGRESQL,
  MYSQL;

  /**
   * Loads what evaluating this dialect's filters needs (for {@link #MYSQL} the collation tables, 23
   * KB unpacked into lookup tables, a second or more on a loaded machine), so that it happens at
   * start and not inside the first subscriber's registration, which would let changes committed
   * meanwhile pass that subscriber by.
   */
  public void prepare() {
    if (this == MYSQL) {
      MySqlCollation.compare("", "");
    }
  }

  /** The dialect of FastSchema's {@code DB_DRIVER} value ({@code pgx} or {@code mysql}). */
  public static SqlDialect ofDriver(String dbDriver) {
    return switch (dbDriver) {
      case "pgx" -> POSTGRESQL;
      case "mysql" -> MYSQL;
      default -> throw new IllegalArgumentException("no filter dialect for DB_DRIVER=" + dbDriver);
    };
  }
}
