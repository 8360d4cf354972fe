package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Random valid filters for the differential test: nested {@code $and}/{@code $or}, every operator a
 * column type admits, values both taken from the rows (so filters match something) and made up, in
 * the spellings FastSchema accepts (numeric strings, time offsets, uuid forms, reordered JSON
 * objects, NULLs).
 */
final class FilterGenerator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String[] ALL_OPERATORS = {
    "$eq",
    "$neq",
    "$gt",
    "$gte",
    "$lt",
    "$lte",
    "$like",
    "$notlike",
    "$contains",
    "$notcontains",
    "$containsfold",
    "$notcontainsfold",
    "$in",
    "$nin",
    "$null"
  };
  static final String[] VALUE_OPERATORS = {
    "$eq", "$neq", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$null"
  };
  private static final DateTimeFormatter ZONELESS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  /** What MySQL/MariaDB filters compare uuids and the relation with (no order there). */
  static final String[] EQUALITY_OPERATORS = {"$eq", "$neq", "$in", "$nin", "$null"};

  private final Random random;
  private final List<ObjectNode> rows;
  private final List<UUID> categories;
  private final List<UUID> refs;

  /**
   * On {@link SqlDialect#MYSQL}: only filters realtime accepts there (json by {@code $null}, uuids
   * by equality in canonical form, times in UTC), and texts varied in case, accents and trailing
   * spaces so that the collation decides.
   */
  private final SqlDialect dialect;

  FilterGenerator(Random random, List<ObjectNode> rows, List<UUID> categories, List<UUID> refs) {
    this(random, rows, categories, refs, SqlDialect.POSTGRESQL);
  }

  FilterGenerator(
      Random random,
      List<ObjectNode> rows,
      List<UUID> categories,
      List<UUID> refs,
      SqlDialect dialect) {
    this.random = random;
    this.rows = rows;
    this.categories = categories;
    this.refs = refs;
    this.dialect = dialect;
  }

  private boolean mySql() {
    return dialect == SqlDialect.MYSQL;
  }

  ObjectNode next() {
    return object(0);
  }

  private ObjectNode object(int depth) {
    ObjectNode object = NODES.objectNode();
    // Few conjuncts and frequent $or keep most filters matching some rows but not all.
    int entries =
        depth == 0 ? 1 + random.nextInt(2) : (random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(2));
    for (int i = 0; i < entries; i++) {
      if (depth < 3 && random.nextInt(3) == 0) {
        ArrayNode members = object.putArray(random.nextInt(3) > 0 ? "$or" : "$and");
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
          members.add(object(depth + 1));
        }
      } else {
        DiffColumn column = DiffColumn.values()[random.nextInt(DiffColumn.values().length)];
        object.set(column.field(), fieldValue(column));
      }
    }
    return object;
  }

  private JsonNode fieldValue(DiffColumn column) {
    if (column.kind() == DiffColumn.Kind.BYTES
        || (mySql() && column.kind() == DiffColumn.Kind.JSON)) {
      return random.nextInt(3) == 0
          ? NODES.nullNode()
          : NODES.objectNode().put("$null", random.nextBoolean());
    }
    if (random.nextInt(4) == 0) {
      return random.nextInt(10) == 0 ? NODES.nullNode() : value(column);
    }
    String[] operators =
        hasLike(column)
            ? ALL_OPERATORS
            : mySql()
                    && (column.kind() == DiffColumn.Kind.UUID
                        || column.kind() == DiffColumn.Kind.RELATION)
                ? EQUALITY_OPERATORS
                : VALUE_OPERATORS;
    ObjectNode ops = NODES.objectNode();
    int count = random.nextInt(4) == 0 ? 2 : 1;
    for (int i = 0; i < count; i++) {
      String op = operators[random.nextInt(operators.length)];
      ops.set(op, operand(column, op));
    }
    return ops;
  }

  private static boolean hasLike(DiffColumn column) {
    return column.kind() == DiffColumn.Kind.TEXT || column.kind() == DiffColumn.Kind.ENUM;
  }

  private JsonNode operand(DiffColumn column, String op) {
    switch (op) {
      case "$null":
        return NODES.booleanNode(random.nextBoolean());
      case "$in":
      case "$nin":
        ArrayNode items = NODES.arrayNode();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          items.add(random.nextInt(12) == 0 ? NODES.nullNode() : value(column));
        }
        return items;
      case "$like":
      case "$notlike":
        return column.kind() == DiffColumn.Kind.ENUM
            ? value(column)
            : NODES.textNode(likePattern(sampleText(column)));
      case "$contains":
      case "$notcontains":
      case "$containsfold":
      case "$notcontainsfold":
        return column.kind() == DiffColumn.Kind.ENUM
            ? value(column)
            : NODES.textNode(fragment(sampleText(column), op.endsWith("fold")));
      default:
        return random.nextInt(15) == 0 ? NODES.nullNode() : value(column);
    }
  }

  /** A value FastSchema validates for the column, often one a row holds. */
  private JsonNode value(DiffColumn column) {
    switch (column.kind()) {
      case TEXT:
        return NODES.textNode(sampleText(column));
      case ENUM:
        return NODES.textNode(pick(DiffColumn.ENUM_VALUES));
      case INTEGER:
        return integer(column);
      case FLOAT64:
        return NODES.numberNode(
            random.nextInt(3) > 0 ? rowNumber(column, 0.5) : DiffTable.randomDouble(random));
      case FLOAT32:
        return NODES.numberNode(
            random.nextInt(3) > 0
                ? rowNumber(column, 0.5)
                : (double) DiffTable.randomFloat(random));
      case BOOL:
        return NODES.booleanNode(random.nextBoolean());
      case TIME:
        return NODES.textNode(time());
      case UUID:
        return NODES.textNode(uuidText(column == DiffColumn.REF ? refs : categories));
      case RELATION:
        return NODES.textNode(uuidText(categories));
      case JSON:
        return NODES.textNode(jsonObject());
      default:
        throw new IllegalArgumentException("no values for " + column);
    }
  }

  private String sampleText(DiffColumn column) {
    if (random.nextInt(3) > 0) {
      String fromRow = DiffTable.text(pick(rows), column.field());
      if (fromRow != null) {
        return mySql() && random.nextBoolean() ? collationVariant(fromRow) : fromRow;
      }
    }
    return mySql() ? MySqlDiffTable.randomText(random, 6) : DiffTable.randomText(random, 6);
  }

  /**
   * The text with letters changed in ways utf8mb4_unicode_ci may or may not ignore: case, accents,
   * {@code ß}/{@code ss}, trailing spaces added or cut.
   */
  private String collationVariant(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              int roll = random.nextInt(8);
              if (roll == 0) {
                out.appendCodePoint(Character.toUpperCase(c));
              } else if (roll == 1) {
                out.appendCodePoint(Character.toLowerCase(c));
              } else if (roll == 2 && (c == 'e' || c == 'E')) {
                out.append(random.nextBoolean() ? "é" : "È");
              } else if (roll == 2 && c == 'ß') {
                out.append(random.nextBoolean() ? "ss" : "SS");
              } else if (roll == 2 && c == 's') {
                out.append("ß");
              } else {
                out.appendCodePoint(c);
              }
            });
    int roll = random.nextInt(4);
    if (roll == 0) {
      out.append(random.nextBoolean() ? " " : "  ");
    } else if (roll == 1) {
      while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
        out.setLength(out.length() - 1);
      }
    }
    return out.toString();
  }

  /** A LIKE pattern: some characters become wildcards, the rest literal (escaped if needed). */
  private String likePattern(String text) {
    StringBuilder pattern = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              int roll = random.nextInt(10);
              if (roll == 0) {
                pattern.append('%');
              } else if (roll == 1) {
                pattern.append('_');
              } else if (c == '\\' || ((c == '%' || c == '_') && roll < 8)) {
                // An unescaped % or _ of the text stays a wildcard now and then.
                pattern.append('\\').appendCodePoint(c);
              } else {
                pattern.appendCodePoint(c);
              }
            });
    if (random.nextBoolean()) {
      pattern.append('%');
    }
    return pattern.toString();
  }

  /** A substring, for contains operators; with case changes for the fold variants. */
  private String fragment(String text, boolean changeCase) {
    int[] codePoints = text.codePoints().toArray();
    int start = codePoints.length == 0 ? 0 : random.nextInt(codePoints.length);
    int end = start + random.nextInt(codePoints.length - start + 1);
    StringBuilder out = new StringBuilder();
    for (int i = start; i < end; i++) {
      int c = codePoints[i];
      if (changeCase && random.nextBoolean()) {
        c = random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
      }
      out.appendCodePoint(c);
    }
    return out.toString();
  }

  private JsonNode integer(DiffColumn column) {
    long value;
    Double fromRow = random.nextInt(3) > 0 ? rowNumber(column, Double.NaN) : null;
    if (fromRow != null && !fromRow.isNaN()) {
      value = (long) (double) fromRow;
    } else if (column == DiffColumn.RANK) {
      value = DiffTable.randomSmallint(random);
    } else if (column == DiffColumn.STOCK) {
      value = random.nextInt(110);
    } else {
      value = DiffTable.randomBigint(random);
    }
    if (Math.abs(value) > (1L << 62)) {
      // Keep float64 conversions inside int64; the edges are unit-tested.
      value = value / 4;
    }
    if (mySql() && Math.abs(value) >= (1L << 53)) {
      value = value >> 11; // realtime refuses more on MySQL; rows still hold larger values
    }
    switch (random.nextInt(4)) {
      case 0:
        String sign = value < 0 ? "-" : random.nextBoolean() ? "+" : "";
        String zeros = random.nextBoolean() ? "00" : "";
        return NODES.textNode(sign + zeros + Math.abs(value));
      case 1:
        return Math.abs(value) < (1L << 53)
            ? NODES.numberNode((double) value)
            : NODES.numberNode(value);
      default:
        return NODES.numberNode(value);
    }
  }

  /** A number some row holds in the column (as its JSON reads), or {@code otherwise}. */
  private Double rowNumber(DiffColumn column, double otherwise) {
    JsonNode value = pick(rows).get(column.field());
    return value != null && value.isNumber() ? value.doubleValue() : otherwise;
  }

  private String time() {
    JsonNode fromRow = pick(rows).get("published_at");
    OffsetDateTime time =
        fromRow != null && random.nextInt(3) > 0
            ? OffsetDateTime.parse(fromRow.textValue())
            : DiffTable.randomTime(random);
    if (random.nextInt(4) == 0) {
      time = time.plusNanos((random.nextInt(3) - 1) * 1000L);
    }
    if (mySql() && random.nextInt(6) == 0) {
      time = time.plusNanos(random.nextInt(3) - 1); // digits past the sixth are cut off there
    }
    int fractionDigits = random.nextInt(mySql() ? 10 : 7);
    if (random.nextInt(4) == 0) {
      OffsetDateTime utc = time.withOffsetSameInstant(ZoneOffset.UTC);
      return ZONELESS.format(utc) + fraction(utc, fractionDigits);
    }
    ZoneOffset zone =
        random.nextBoolean() || mySql()
            ? ZoneOffset.UTC
            : ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800);
    OffsetDateTime local = time.withOffsetSameInstant(zone);
    String offset =
        zone.getTotalSeconds() != 0
            ? zone.getId()
            : mySql() && random.nextBoolean() ? "+00:00" : "Z";
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).format(local)
        + fraction(local, fractionDigits)
        + offset;
  }

  /** Truncated to {@code digits}; PostgreSQL then rounds to microseconds. */
  private static String fraction(OffsetDateTime time, int digits) {
    if (digits == 0) {
      return "";
    }
    String nanos = String.format(Locale.ROOT, "%09d", time.getNano());
    return "." + nanos.substring(0, digits);
  }

  private String uuidText(List<UUID> pool) {
    int draw = random.nextInt(12);
    // The zero uuid is what clients see for NULL: it must still only match a stored zero uuid.
    UUID uuid = draw == 0 ? new UUID(0, 0) : draw < 3 ? randomUuid() : pick(pool);
    String text = uuid.toString();
    switch (mySql() ? random.nextInt(2) * 3 : random.nextInt(5)) { // MySQL: canonical only
      case 0:
        return text.toUpperCase(Locale.ROOT);
      case 1:
        return text.replace("-", "");
      case 2:
        return "{" + text + "}";
      default:
        return text;
    }
  }

  /**
   * Random bits; on MySQL a version-4 uuid, since MariaDB's uuid type refuses other variants
   * ("Incorrect uuid value") and FastSchema generates version-4 and -7 uuids only.
   */
  private UUID randomUuid() {
    return mySql()
        ? FilterDifferentialTest.uuidV4(random)
        : new UUID(random.nextLong(), random.nextLong());
  }

  /** A JSON object as text: one rows hold, keys reordered and re-spaced, or a made-up one. */
  private String jsonObject() {
    if (random.nextInt(3) > 0) {
      JsonNode meta = pick(rows).get("meta");
      if (meta != null && meta.isObject() && !mixesObjectsInArrays(meta)) {
        List<String> members = new ArrayList<>();
        meta.fields()
            .forEachRemaining(
                f ->
                    members.add(
                        JsonNodeFactory.instance.textNode(f.getKey()) + ": " + f.getValue()));
        Collections.shuffle(members, random);
        return "{" + String.join(random.nextBoolean() ? "," : " , ", members) + "}";
      }
    }
    String[] keys = {"a", "b", "aa", "é"};
    String[] values = {
      "1", "1.0", "1e0", "2", "\"x\"", "\"X\"", "true", "[1, 2]", "[2]", "null", "{\"b\": null}"
    };
    StringBuilder object = new StringBuilder("{");
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      object
          .append(i > 0 ? ", " : "")
          .append('"')
          .append(keys[random.nextInt(keys.length)])
          .append("\": ")
          .append(values[random.nextInt(values.length)]);
    }
    return object.append('}').toString();
  }

  /**
   * FastSchema's json-field check (an entity decode) fails on arrays that mix objects and other
   * values, so such objects are not valid filter values.
   */
  private static boolean mixesObjectsInArrays(JsonNode node) {
    boolean hasObject = false;
    boolean hasOther = false;
    for (JsonNode item : node) {
      if (mixesObjectsInArrays(item)) {
        return true;
      }
      hasObject |= item.isObject();
      hasOther |= !item.isObject();
    }
    return node.isArray() && hasObject && hasOther;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
