package io.fastschema.realtime.ingest;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fastschema.realtime.model.Column;
import io.fastschema.realtime.model.FieldType;
import io.fastschema.realtime.model.Schema;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;

/**
 * How {@link RowEncoder#write} writes each column of one table's Debezium rows, worked out once per
 * row schema instead of per row: the column's name already encoded as JSON, whether it is never
 * shown, whether its NULL is written, and its Debezium and FastSchema types. Looking these up by
 * name for every column of every row was a fifth of the handler thread (BENCHMARKS.md, item 5).
 *
 * <p>Immutable.
 */
final class RowLayout {

  private final Schema schema;
  private final Field[] fields;
  private final SerializableString[] names;
  private final boolean[] hidden;
  private final boolean[] nullWritten;
  private final DebeziumType[] debeziumTypes;
  private final FieldType[] modelTypes;

  private RowLayout(Schema schema, int size) {
    this.schema = schema;
    this.fields = new Field[size];
    this.names = new SerializableString[size];
    this.hidden = new boolean[size];
    this.nullWritten = new boolean[size];
    this.debeziumTypes = new DebeziumType[size];
    this.modelTypes = new FieldType[size];
  }

  static RowLayout of(Schema schema, org.apache.kafka.connect.data.Schema rowSchema) {
    List<Field> columns = rowSchema.fields();
    RowLayout layout = new RowLayout(schema, columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Field f = columns.get(i);
      Optional<Column> column = schema.column(f.name());
      layout.fields[i] = f;
      layout.names[i] = new SerializedString(f.name());
      layout.hidden[i] = schema.isNeverShown(f.name());
      layout.nullWritten[i] = column.map(RowEncoder::nullWritten).orElse(false);
      layout.debeziumTypes[i] = DebeziumType.of(f.schema());
      layout.modelTypes[i] = column.map(Column::type).orElse(null);
    }
    return layout;
  }

  /** The FastSchema schema the layout was made for. */
  Schema schema() {
    return schema;
  }

  int size() {
    return fields.length;
  }

  Field field(int i) {
    return fields[i];
  }

  SerializableString name(int i) {
    return names[i];
  }

  boolean hidden(int i) {
    return hidden[i];
  }

  boolean nullWritten(int i) {
    return nullWritten[i];
  }

  DebeziumType debeziumType(int i) {
    return debeziumTypes[i];
  }

  FieldType modelType(int i) {
    return modelTypes[i];
  }
}
