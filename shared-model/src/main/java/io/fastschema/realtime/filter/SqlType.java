package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.model.FieldType;

/**
 * The PostgreSQL (or, for {@link SqlDialect#MYSQL}, MySQL/MariaDB) type of a FastSchema column
 * (ent's mapping, {@code dialect/sql/schema/postgres.go}, {@code mysql.go}) and what it makes of
 * values: how a filter value bound by FastSchema (through pgx) becomes a value of the type, how a
 * row value in FastSchema's JSON encoding reads back, and how two values of the type compare.
 *
 * <p>A null from {@link #read} is SQL NULL. Values are plain Java objects of one class per type
 * (String, Long, Double, Boolean, {@link UuidValue}, {@link Jsonb}).
 *
 * <p>Thread-safety: implementations are immutable.
 */
abstract class SqlType {

  private final String name;

  SqlType(String name) {
    this.name = name;
  }

  /** PostgreSQL's name of the type, as its error messages print it. */
  final String name() {
    return name;
  }

  /**
   * The value PostgreSQL compares the column with when FastSchema binds {@code value} (never {@link
   * GoValue.Nil}, which ent writes as {@code NULL}).
   *
   * @throws SqlValueException with the database's reason where pgx or PostgreSQL refuse it
   */
  abstract Object literal(GoValue value) throws SqlValueException;

  /** The row value of a column: null when absent or SQL NULL (see FastSchema's encodings). */
  abstract Object read(JsonNode node);

  /** Compares two non-null values of this type, as PostgreSQL's btree operators do. */
  abstract int compare(Object a, Object b);

  /** Whether PostgreSQL has {@code LIKE} / {@code ILIKE} for the type (text types only). */
  boolean hasLike() {
    return false;
  }

  /** How {@code LIKE} ({@code $like}, {@code $contains}) compares characters of this type. */
  LikeFolding likeFolding() {
    return LikeFolding.EXACT;
  }

  /** How {@code $containsfold} compares characters of this type (after ent lowers the value). */
  LikeFolding containsFoldFolding() {
    return LikeFolding.LOWERCASE;
  }

  /**
   * Whether {@code $gt}/{@code $gte}/{@code $lt}/{@code $lte} are evaluated for the type; when not,
   * they are refused at parse time with {@link #unorderedReason()}.
   */
  boolean ordered() {
    return true;
  }

  /** Why the type has no order here; only asked when {@link #ordered()} is false. */
  String unorderedReason() {
    throw new IllegalStateException(name + " is ordered");
  }

  /**
   * A text equal for exactly the values {@link #compare} finds equal, for {@link EqualityKey}: by
   * default the value's canonical form ({@code -0} is {@code 0}, uuids in lower case).
   */
  String canonical(Object value) {
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.toString(d == 0 ? 0.0 : d);
    }
    if (value instanceof UuidValue) {
      UuidValue uuid = (UuidValue) value;
      return new java.util.UUID(uuid.high(), uuid.low()).toString();
    }
    return value.toString();
  }

  SqlValueException cannotSend(GoValue value) {
    return new SqlValueException(
        "a " + value.goType() + " value cannot be sent as a " + name + " parameter");
  }

  /** The type ent gives a column of this FastSchema type on PostgreSQL. */
  static SqlType of(FieldType type) {
    return of(type, SqlDialect.POSTGRESQL);
  }

  /** The type ent gives a column of this FastSchema type in the dialect's database. */
  static SqlType of(FieldType type, SqlDialect dialect) {
    return dialect == SqlDialect.MYSQL ? ofMySql(type) : ofPostgres(type);
  }

  /**
   * ent's MySQL columns ({@code dialect/sql/schema/mysql.go}, FastSchema's table options):
   * varchar/longtext/enum under {@code utf8mb4_unicode_ci}, {@code tinyint(1)}, integer columns,
   * {@code float}/{@code double}, {@code datetime}, {@code uuid} (MariaDB) or {@code char(36)}
   * (MySQL), {@code json}.
   */
  private static SqlType ofMySql(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
      case TEXT:
        return CollatedTextType.INSTANCE;
      case INT8:
      case UINT8:
      case INT16:
      case UINT16:
      case INT32:
      case INT:
      case INT64:
      case UINT:
      case UINT32:
      case UINT64:
        return MySqlIntegerType.INSTANCE;
      case FLOAT32:
        return FloatType.MYSQL_FLOAT;
      case FLOAT64:
        return FloatType.DOUBLE;
      case TIME:
        return TimestampType.DATETIME;
      case UUID:
        return UuidType.EQUALITY_ONLY;
      case JSON:
        return NullTestedJsonType.INSTANCE;
      default:
        return ofPostgres(type);
    }
  }

  private static SqlType ofPostgres(FieldType type) {
    switch (type) {
      case STRING:
      case ENUM:
        return TextType.VARCHAR;
      case TEXT:
        return TextType.TEXT;
      case BOOL:
        return BoolType.INSTANCE;
      case INT8:
      case UINT8:
      case INT16:
        return IntegerType.SMALLINT;
      case UINT16:
      case INT32:
        return IntegerType.INTEGER;
      case INT:
      case INT64:
      case UINT:
      case UINT32:
      case UINT64:
        return IntegerType.BIGINT;
      case FLOAT32:
        return FloatType.REAL;
      case FLOAT64:
        return FloatType.DOUBLE;
      case TIME:
        return TimestampType.INSTANCE;
      case UUID:
        return UuidType.INSTANCE;
      case JSON:
        return JsonbType.INSTANCE;
      case BYTES:
        return ByteaType.INSTANCE;
      default:
        throw new IllegalArgumentException("a " + type.jsonName() + " field has no column");
    }
  }

  static boolean isSqlNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
