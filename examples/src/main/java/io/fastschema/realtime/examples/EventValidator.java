package io.fastschema.realtime.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Validates record events against {@code record-event.schema.json} (JSON Schema 2020-12), the
 * contract's own description of a schema topic's values.
 */
public final class EventValidator {

  /** Where shared-model's jar carries the schema. */
  public static final String SCHEMA_RESOURCE = "/record-event.schema.json";

  private final JsonSchema schema;

  private EventValidator(JsonSchema schema) {
    this.schema = schema;
  }

  public static EventValidator fromClasspath() {
    try (InputStream in = EventValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path");
      }
      return new EventValidator(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems of {@code event}, empty when it conforms. */
  public List<String> problems(JsonNode event) {
    return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
