package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes a re-queried row the way FastSchema's entity serializer does for the common column types:
 * keys in SELECT order, NULL leaves the key out, numbers and booleans as JSON scalars, times as RFC
 * 3339, json/jsonb embedded, everything else (text, uuid, enum) as a string. Not byte-exact for
 * every type (uint NULL → 0, bytes, float32 precision are not reproduced); close enough that the
 * message size and serialization cost match.
 *
 * <p>Stateless.
 */
final class RowJson {

  private RowJson() {}

  static void write(ResultSet row, ResultSetMetaData meta, JsonGenerator out)
      throws SQLException, IOException {
    out.writeStartObject();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = row.getObject(i);
      if (value == null) {
        continue;
      }
      out.writeFieldName(meta.getColumnLabel(i));
      switch (meta.getColumnType(i)) {
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
            out.writeNumber(row.getLong(i));
        case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL ->
            out.writeNumber(row.getDouble(i));
        case Types.BOOLEAN, Types.BIT -> out.writeBoolean(row.getBoolean(i));
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
            out.writeString(
                row.getObject(i, OffsetDateTime.class)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        default -> {
          String type = meta.getColumnTypeName(i);
          if (type.equals("jsonb") || type.equals("json")) {
            out.writeRawValue(row.getString(i));
          } else {
            out.writeString(row.getString(i));
          }
        }
      }
    }
    out.writeEndObject();
  }
}
