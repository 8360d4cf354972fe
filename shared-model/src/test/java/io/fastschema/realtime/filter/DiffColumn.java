package io.fastschema.realtime.filter;

import java.util.List;

/**
 * The columns of the differential test's table and how FastSchema types them: the filterable fields
 * of {@link FilterFixtures}' {@code post} schema, plus the {@code category} relation.
 */
enum DiffColumn {
  NAME("name", Kind.TEXT),
  BIO("bio", Kind.TEXT),
  STATUS("status", Kind.ENUM),
  VIEWS("views", Kind.INTEGER),
  RANK("rank", Kind.INTEGER),
  STOCK("stock", Kind.INTEGER),
  SCORE("score", Kind.FLOAT64),
  RATIO("ratio", Kind.FLOAT32),
  ACTIVE("active", Kind.BOOL),
  PUBLISHED_AT("published_at", Kind.TIME),
  REF("ref", Kind.UUID),
  META("meta", Kind.JSON),
  BLOB("blob", Kind.BYTES),
  CATEGORY_ID("category_id", Kind.UUID),
  /** The relation field; FastSchema filters it through an EXISTS sub-query. */
  CATEGORY("category", Kind.RELATION);

  /** What a column holds, which decides the values and operators the generator uses. */
  enum Kind {
    TEXT,
    ENUM,
    INTEGER,
    FLOAT64,
    FLOAT32,
    BOOL,
    TIME,
    UUID,
    JSON,
    BYTES,
    RELATION
  }

  static final List<String> ENUM_VALUES = List.of("draft", "published", "in_review", "ARCHIVED");

  private final String field;
  private final Kind kind;

  DiffColumn(String field, Kind kind) {
    this.field = field;
    this.kind = kind;
  }

  String field() {
    return field;
  }

  Kind kind() {
    return kind;
  }

  static DiffColumn byField(String field) {
    for (DiffColumn column : values()) {
      if (column.field.equals(field)) {
        return column;
      }
    }
    throw new IllegalArgumentException("no column " + field);
  }
}
