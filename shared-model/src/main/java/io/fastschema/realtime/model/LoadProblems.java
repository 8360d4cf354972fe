package io.fastschema.realtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Problems collected during one load, each prefixed with the file it comes from.
 *
 * <p>Reporting against a schema marks that schema broken, so later stages skip it instead of piling
 * follow-up errors onto the first one.
 *
 * <p>Thread-safety: not thread-safe; confined to the loading thread.
 */
final class LoadProblems {

  private final List<String> messages = new ArrayList<>();

  void add(String origin, String format, Object... args) {
    messages.add(origin + ": " + String.format(Locale.ROOT, format, args));
  }

  void report(SchemaDraft schema, String format, Object... args) {
    schema.markBroken();
    messages.add(
        schema.origin()
            + ": schema '"
            + schema.name()
            + "': "
            + String.format(Locale.ROOT, format, args));
  }

  void report(SchemaDraft schema, FieldDraft field, String format, Object... args) {
    schema.markBroken();
    messages.add(
        field.origin()
            + ": schema '"
            + schema.name()
            + "', field '"
            + field.name()
            + "': "
            + String.format(Locale.ROOT, format, args));
  }

  int count() {
    return messages.size();
  }

  void throwIfAny() throws SchemaLoadException {
    if (!messages.isEmpty()) {
      throw new SchemaLoadException(messages);
    }
  }
}
