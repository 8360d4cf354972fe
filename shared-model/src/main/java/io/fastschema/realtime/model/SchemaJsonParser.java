package io.fastschema.realtime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the text of one {@code data/schemas/*.json} file into a {@link SchemaDraft}.
 *
 * <p>Only the keys that shape tables and relations are read ({@code schema/schema.go}, {@code
 * schema/field.go}, {@code schema/relation.go}); labels, settings, setters/getters and indexes are
 * ignored. Problems are reported against the file and parsing goes on, so one pass finds as many
 * problems as possible.
 *
 * <p>Thread-safety: stateless and thread-safe (the shared {@link ObjectMapper} is only read).
 */
final class SchemaJsonParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SchemaJsonParser() {}

  /** The draft, or empty when the file is unusable (not JSON, not an object, no name). */
  static Optional<SchemaDraft> parse(String fileName, String json, LoadProblems problems) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      problems.add(
          fileName,
          "invalid JSON: %s",
          e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      problems.add(fileName, "a schema file must hold one JSON object");
      return Optional.empty();
    }
    TypedJsonObject schema = new TypedJsonObject(root, "", fileName, problems);
    String name = schema.string("name");
    if (name == null || name.isEmpty()) {
      problems.add(fileName, "schema has no \"name\"");
      return Optional.empty();
    }
    int problemsBefore = problems.count();
    SchemaDraft draft =
        new SchemaDraft(fileName, name, schema.string("namespace"), false)
            .setPrimaryFieldName(schema.string("primary_field"))
            .setDisableTimestamp(schema.bool("disable_timestamp"));
    for (TypedJsonObject field : schema.objects("fields")) {
      draft.add(field(draft, field, problems));
    }
    if (problems.count() > problemsBefore) {
      // Keeps relation linking from piling follow-up errors onto a field we could not read.
      draft.markBroken();
    }
    return Optional.of(draft);
  }

  private static FieldDraft field(SchemaDraft schema, TypedJsonObject json, LoadProblems problems) {
    String fileName = schema.origin();
    String name = json.string("name");
    String where =
        "schema '"
            + schema.name()
            + "', "
            + json.path()
            + (name == null ? "" : " ('" + name + "')");
    if (name == null || name.isEmpty()) {
      problems.add(fileName, "%s: missing \"name\"", where);
    }
    FieldDraft field =
        new FieldDraft(fileName, name == null ? "" : name, type(fileName, where, json, problems))
            .setOptional(json.bool("optional"))
            .setUnique(json.bool("unique"))
            .setMultiple(json.bool("multiple"))
            .setSystemField(json.bool("is_system_field"))
            .setEnumValues(enumValues(json));
    TypedJsonObject relation = json.object("relation");
    if (relation != null) {
      field.setRelationSpec(relation(fileName, where, relation, problems));
    }
    return field;
  }

  private static FieldType type(
      String fileName, String where, TypedJsonObject json, LoadProblems problems) {
    String type = json.string("type");
    if (type == null) {
      problems.add(fileName, "%s: missing \"type\"", where);
      return null;
    }
    try {
      return FieldType.parse(type);
    } catch (IllegalArgumentException e) {
      problems.add(fileName, "%s: %s", where, e.getMessage());
      return null;
    }
  }

  private static List<String> enumValues(TypedJsonObject json) {
    List<String> values = new ArrayList<>();
    for (TypedJsonObject option : json.objects("enums")) {
      String value = option.string("value");
      values.add(value == null ? "" : value);
    }
    return values;
  }

  private static RelationSpec relation(
      String fileName, String where, TypedJsonObject json, LoadProblems problems) {
    RelationType type = null;
    String typeName = json.string("type");
    if (typeName != null) {
      try {
        type = RelationType.parse(typeName);
      } catch (IllegalArgumentException e) {
        problems.add(fileName, "%s: relation: %s", where, e.getMessage());
      }
    }
    return new RelationSpec(
        type,
        json.string("schema"),
        json.string("field"),
        json.bool("owner"),
        json.string("source_column"),
        json.string("target_column"),
        json.string("junction_table"));
  }
}
