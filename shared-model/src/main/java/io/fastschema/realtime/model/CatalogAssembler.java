package io.fastschema.realtime.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link SchemaCatalog} from schema files the way FastSchema's {@code
 * schema.NewBuilderFromDir} does: system schemas first, JSON files merged into them or added, every
 * schema initialised, then relations linked. All problems are collected before failing.
 *
 * <p>Thread-safety: stateless; each call works on its own drafts.
 */
final class CatalogAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogAssembler.class);

  private CatalogAssembler() {}

  /**
   * @param files file name → JSON text, in the order FastSchema reads them (its {@code
   *     filepath.Glob} sorts by name, which decides the outcome when two files share a name)
   */
  static SchemaCatalog assemble(SortedMap<String, String> files, LoadProblems problems)
      throws SchemaLoadException {
    Map<String, SchemaDraft> schemas = new LinkedHashMap<>();
    for (SchemaDraft system : SystemSchemas.drafts()) {
      schemas.put(system.name(), system);
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      SchemaJsonParser.parse(file.getKey(), file.getValue(), problems)
          .ifPresent(draft -> addOrMerge(schemas, draft));
    }
    SchemaInitializer initializer = new SchemaInitializer(problems);
    schemas.values().forEach(initializer::initialize);
    checkTablesAreDistinct(schemas, problems);
    RelationLinker linker = new RelationLinker(schemas, problems);
    linker.linkAll();
    problems.throwIfAny();

    List<Schema> frozen = new ArrayList<>(schemas.size());
    for (SchemaDraft draft : schemas.values()) {
      frozen.add(draft.toSchema());
    }
    return new SchemaCatalog(
        frozen, linker.junctions().tables(), linker.junctions().columnsByTable());
  }

  private static void addOrMerge(Map<String, SchemaDraft> schemas, SchemaDraft draft) {
    SchemaDraft existing = schemas.get(draft.name());
    if (existing == null) {
      schemas.put(draft.name(), draft);
      return;
    }
    if (!existing.system()) {
      // FastSchema merges these too; it is almost certainly a copy-paste slip, hence the warning.
      LOG.warn(
          "Schema '{}' is declared in {} and in {}; merging them as FastSchema does",
          draft.name(),
          existing.origin(),
          draft.origin());
    }
    existing.absorb(draft);
    if (draft.broken()) {
      existing.markBroken();
    }
  }

  private static void checkTablesAreDistinct(
      Map<String, SchemaDraft> schemas, LoadProblems problems) {
    Map<String, SchemaDraft> byTable = new HashMap<>();
    for (SchemaDraft schema : schemas.values()) {
      if (schema.table() == null || schema.table().isEmpty()) {
        continue;
      }
      SchemaDraft other = byTable.putIfAbsent(schema.table(), schema);
      if (other != null) {
        problems.report(
            schema,
            "table '%s' is also the table of schema '%s' (%s)",
            schema.table(),
            other.name(),
            other.origin());
      }
    }
  }
}
