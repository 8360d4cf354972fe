package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** What {@link RowEncoder} leaves out of a record event, whatever the row holds. */
class RowEncoderTest {

  private final RowEncoder encoder = new RowEncoder(new ObjectMapper());
  private final SchemaCatalog catalog = catalog();

  @Test
  void aSessionsOtpHashIsNeverPublished() {
    ObjectNode row = encode("session", "id", "status", "otp_hash", "otp_attempts");
    assertFalse(row.has("otp_hash"), row.toString());
    assertEquals("v-status", row.get("status").asText(), "other columns stay: " + row);
  }

  @Test
  void aUsersPasswordIsNeverPublished() {
    ObjectNode row = encode("user", "username", "password");
    assertFalse(row.has("password"), row.toString());
    assertEquals("v-username", row.get("username").asText(), row.toString());
  }

  @Test
  void aContentColumnNamedLikeASecretIsPublished() throws Exception {
    SchemaCatalog withContent =
        SchemaCatalog.fromJson(
            Map.of(
                "note.json",
                "{\"name\":\"note\",\"namespace\":\"notes\",\"label_field\":\"otp_hash\","
                    + "\"fields\":[{\"name\":\"otp_hash\",\"type\":\"string\"}]}"));
    Schema note = withContent.schema("note").orElseThrow();
    ObjectNode row = encoder.encode(note, struct("otp_hash"));
    assertEquals("v-otp_hash", row.get("otp_hash").asText(), "only system schemas hide columns");
  }

  private ObjectNode encode(String schemaName, String... columns) {
    return encoder.encode(catalog.schema(schemaName).orElseThrow(), struct(columns));
  }

  private static Struct struct(String... columns) {
    SchemaBuilder b = SchemaBuilder.struct();
    for (String c : columns) {
      b.field(c, org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA);
    }
    org.apache.kafka.connect.data.Schema s = b.build();
    Struct row = new Struct(s);
    for (String c : columns) {
      row.put(c, "v-" + c);
    }
    return row;
  }

  private static SchemaCatalog catalog() {
    try {
      return SchemaCatalog.fromJson(Map.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
