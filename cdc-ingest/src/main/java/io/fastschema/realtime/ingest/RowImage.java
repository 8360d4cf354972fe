package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.JsonWritable;
import io.fastschema.realtime.event.RawJson;
import io.fastschema.realtime.model.Schema;
import java.io.IOException;
import org.apache.kafka.connect.data.Struct;

/**
 * A row image (or primary key) of a content change, kept as Debezium's row, written to JSON once
 * ({@link RowEncoder#write}) and copied as bytes into every record that holds it (event, state
 * record, Kafka keys): building a tree per row and serializing it was most of the handler thread
 * (BENCHMARKS.md, item 5). A tree is built, once, only for a consumer that reads one (security
 * rows, soft-delete checks of json columns).
 *
 * <p>Not thread-safe (the tree is built lazily, and the encoder caches layouts): the engine's
 * handler thread.
 */
final class RowImage implements JsonWritable {

  /** What part of the Debezium row the image is. */
  private enum Part {
    /** Every column. */
    ROW,
    /** A before-image without REPLICA IDENTITY FULL: its key column only. */
    KEY_ONLY_ROW,
    /** The primary key object of a whole row. */
    KEY
  }

  private final RowEncoder encoder;
  private final Schema schema;
  private final Struct row;
  private final Part part;
  private ObjectNode tree;

  /** The image's JSON once written; null before. */
  private RawJson json;

  private RowImage(RowEncoder encoder, Schema schema, Struct row, Part part, ObjectNode tree) {
    this.encoder = encoder;
    this.schema = schema;
    this.row = row;
    this.part = part;
    this.tree = tree;
  }

  /** Every column of {@code row}. */
  static RowImage row(RowEncoder encoder, Schema schema, Struct row) {
    return new RowImage(encoder, schema, row, Part.ROW, null);
  }

  /** The key column of a row whose other columns are placeholders. */
  static RowImage keyOnly(RowEncoder encoder, Schema schema, Struct row) {
    return new RowImage(encoder, schema, row, Part.KEY_ONLY_ROW, null);
  }

  /** A row already built as a tree. */
  static RowImage of(ObjectNode tree) {
    return new RowImage(null, null, null, Part.ROW, tree);
  }

  /**
   * The primary key object of {@code image} (an empty object for none): its key column as the image
   * holds it.
   */
  static RowImage keyOf(Schema schema, RowImage image) {
    if (image == null) {
      return of(JsonNodeFactory.instance.objectNode());
    }
    if (image.row == null) {
      return of(keyOf(schema, image.tree));
    }
    // A key-only image holds nothing but its key.
    Part part = image.part == Part.ROW ? Part.KEY : image.part;
    return new RowImage(image.encoder, schema, image.row, part, null);
  }

  @Override
  public void writeTo(JsonGenerator g) throws IOException {
    if (row == null) {
      g.writeTree(tree);
      return;
    }
    if (json == null) {
      // Written once, copied into every record that holds it: an update's after-image goes into
      // the event and the state record, a key into both Kafka keys and both values.
      json =
          new RawJson(
              part == Part.ROW
                  ? encoder.bytes(out -> encoder.write(out, schema, row))
                  : encoder.bytes(
                      out -> encoder.writeKey(out, schema, row, part == Part.KEY_ONLY_ROW)));
    }
    json.writeTo(g);
  }

  /** The image as a tree, built on first use. */
  ObjectNode tree() {
    if (tree == null) {
      tree =
          switch (part) {
            case ROW -> encoder.encode(schema, row);
            case KEY_ONLY_ROW -> encoder.encodeKeyOnly(schema, row);
            case KEY -> keyOf(schema, encoder.encode(schema, row));
          };
    }
    return tree;
  }

  /** The primary key object of a row tree: its key column, if it has one. */
  static ObjectNode keyOf(Schema schema, ObjectNode row) {
    String pk = schema.primaryKey().name();
    ObjectNode key = JsonNodeFactory.instance.objectNode();
    if (row != null && row.has(pk)) {
      key.set(pk, row.get(pk));
    }
    return key;
  }

  /** Whether the image holds the column with a value other than JSON null. */
  boolean hasNonNull(String column) {
    if (row == null || part != Part.ROW) {
      return tree().hasNonNull(column);
    }
    return encoder.holdsValue(schema, row, column);
  }
}
