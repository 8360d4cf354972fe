package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid relation filters for {@link RelationFilterDifferentialTest}: dotted paths of zero to
 * three hops through every relation shape (also back and forth: {@code category.blogs.category}),
 * relations named without a dot (their target's primary key), every operator the field's type
 * takes, {@code $and}/{@code $or} mixing relation and scalar keys; operands mostly taken from the
 * target table's rows so that filters match some rows.
 */
final class RelationFilterGenerator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;
  private final SchemaCatalog catalog;
  private final RelationTables tables;

  RelationFilterGenerator(Random random, SchemaCatalog catalog, RelationTables tables) {
    this.random = random;
    this.catalog = catalog;
    this.tables = tables;
  }

  ObjectNode next(Schema root) {
    return object(root, 0);
  }

  private ObjectNode object(Schema root, int depth) {
    ObjectNode object = NODES.objectNode();
    int entries = depth == 0 ? 1 + random.nextInt(2) : 1 + random.nextInt(2);
    for (int i = 0; i < entries; i++) {
      if (depth < 2 && random.nextInt(4) == 0) {
        ArrayNode members = object.putArray(random.nextBoolean() ? "$or" : "$and");
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
          members.add(object(root, depth + 1));
        }
      } else {
        leaf(root, object);
      }
    }
    return object;
  }

  private void leaf(Schema root, ObjectNode object) {
    List<String> path = new ArrayList<>();
    Schema current = root;
    int hops = random.nextInt(4);
    for (int i = 0; i < hops; i++) {
      List<Field> relations = current.fields().stream().filter(Field::isRelation).toList();
      Field hop = relations.get(random.nextInt(relations.size()));
      path.add(hop.name());
      current = catalog.schema(hop.relation().targetSchema()).orElseThrow();
    }
    Schema target = current;
    List<Field> fields = target.fields();
    Field last = fields.get(random.nextInt(fields.size()));
    Schema valueSchema = target;
    Field valueField = last;
    if (last.isRelation()) {
      // Named without a dot: filters on the target's primary key.
      valueSchema = catalog.schema(last.relation().targetSchema()).orElseThrow();
      valueField = valueSchema.primaryKey();
    } else if (path.isEmpty() && random.nextInt(3) > 0) {
      // Mostly relation keys: scalars of the root only as $and/$or partners.
      leaf(root, object);
      return;
    }
    boolean dotted = !path.isEmpty();
    path.add(last.name());
    // A dotted path ending on a relation fails FastSchema's type check, except with $null.
    object.set(
        String.join(".", path),
        dotted && last.isRelation()
            ? NODES.objectNode().put("$null", random.nextBoolean())
            : value(valueSchema, valueField));
  }

  private JsonNode value(Schema schema, Field field) {
    boolean text = field.type() == FieldType.STRING;
    if (random.nextInt(5) == 0) {
      return sample(schema, field);
    }
    String[] ops = text ? FilterGenerator.ALL_OPERATORS : FilterGenerator.VALUE_OPERATORS;
    String op = ops[random.nextInt(ops.length)];
    ObjectNode operators = NODES.objectNode();
    switch (op) {
      case "$null" -> operators.put(op, random.nextBoolean());
      case "$in", "$nin" -> {
        ArrayNode items = operators.putArray(op);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          items.add(sample(schema, field));
        }
      }
      case "$like", "$notlike" -> operators.put(op, pattern(schema, field));
      case "$contains", "$notcontains", "$containsfold", "$notcontainsfold" ->
          operators.put(op, RelationTables.word(random));
      default -> operators.set(op, sample(schema, field));
    }
    return operators;
  }

  private String pattern(Schema schema, Field field) {
    JsonNode sample = sample(schema, field);
    String text = sample.isTextual() ? sample.textValue() : "";
    return switch (random.nextInt(4)) {
      case 0 -> text + "%";
      case 1 -> "%" + text;
      case 2 -> "_" + text;
      default -> text;
    };
  }

  /** A value of that field from a random row of its table (never null), or a fresh one. */
  private JsonNode sample(Schema schema, Field field) {
    List<ObjectNode> rows = tables.bySchema.get(schema.name());
    for (int attempt = 0; attempt < 5; attempt++) {
      JsonNode value = rows.get(random.nextInt(rows.size())).get(field.name());
      if (value != null && !value.isNull() && random.nextInt(8) > 0) {
        return value;
      }
    }
    return switch (field.type()) {
      case UUID ->
          NODES.textNode(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
      case STRING -> NODES.textNode(RelationTables.word(random));
      default -> NODES.numberNode(random.nextInt(11) - 5);
    };
  }
}
