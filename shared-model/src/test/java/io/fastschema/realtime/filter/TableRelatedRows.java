package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Relation;
import io.fastschema.realtime.model.RelationType;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RelatedRows} over whole tables held in memory (rows in event encoding), joining as
 * FastSchema's SQL does: the FK side's {@code fk = target.pk}, the collection side's {@code pk =
 * target.fk} (through the back-reference), m2m through the junction rows. Values join on their JSON
 * text; a JSON null or absent key joins nothing (SQL NULL).
 */
final class TableRelatedRows implements RelatedRows {

  private final SchemaCatalog catalog;
  private final Map<String, List<ObjectNode>> rowsBySchema;
  private final Map<String, List<ObjectNode>> rowsByJunction;

  TableRelatedRows(
      SchemaCatalog catalog,
      Map<String, List<ObjectNode>> rowsBySchema,
      Map<String, List<ObjectNode>> rowsByJunction) {
    this.catalog = catalog;
    this.rowsBySchema = rowsBySchema;
    this.rowsByJunction = rowsByJunction;
  }

  @Override
  public List<ObjectNode> related(Schema schema, Field field, ObjectNode row) {
    Relation relation = field.relation();
    Schema target = catalog.schema(relation.targetSchema()).orElseThrow();
    String targetPk = target.primaryKey().name();
    List<ObjectNode> out = new ArrayList<>();
    if (relation.type() == RelationType.M2M) {
      String id = text(row, schema.primaryKey().name());
      Set<String> targetIds = new HashSet<>();
      for (ObjectNode link : rowsByJunction.getOrDefault(relation.junctionTable(), List.of())) {
        if (id != null && id.equals(text(link, relation.targetColumn()))) {
          targetIds.add(text(link, relation.sourceColumn()));
        }
      }
      for (ObjectNode candidate : rowsBySchema.getOrDefault(target.name(), List.of())) {
        if (targetIds.contains(text(candidate, targetPk))) {
          out.add(candidate);
        }
      }
    } else {
      String mine;
      String theirs;
      if (relation.holdsForeignKey()) {
        mine = relation.sourceColumn();
        theirs = relation.targetColumn();
      } else {
        Relation back = target.field(relation.backField()).orElseThrow().relation();
        mine = back.targetColumn();
        theirs = back.sourceColumn();
      }
      String value = text(row, mine);
      for (ObjectNode candidate : rowsBySchema.getOrDefault(target.name(), List.of())) {
        if (value != null && value.equals(text(candidate, theirs))) {
          out.add(candidate);
        }
      }
    }
    out.sort(Comparator.comparing(r -> text(r, targetPk)));
    return out;
  }

  private static String text(JsonNode row, String column) {
    JsonNode value = row.get(column);
    return value == null || value.isNull() ? null : value.asText();
  }
}
