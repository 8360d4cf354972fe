package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A FastSchema {@code filter} (the realtime {@code filter} query argument), compiled once per
 * subscription and evaluated in memory on one row as events carry it (FastSchema's JSON encoding).
 *
 * <p>{@link #matches} answers what PostgreSQL (or, compiled for {@link SqlDialect#MYSQL}, MySQL and
 * MariaDB) answers for the SQL FastSchema would run for this filter on that row: all fifteen
 * operators, {@code $and}/{@code $or}, FastSchema's validation errors and their order, SQL NULL
 * semantics (a NULL never satisfies a comparison, not even {@code $neq}, {@code $nin} or {@code
 * $notlike}), {@code LIKE} wildcards and escapes, PostgreSQL's parsing of uuid, time and jsonb
 * values. Where that equivalence rests on assumptions about the database (code point string order,
 * UTC session time zone, foreign keys present), the package documentation lists them, and the class
 * doing the comparison says so.
 *
 * <p>Not supported (a {@link FilterException} at parse time, never a silent mismatch): dotted
 * relation paths and relation fields whose foreign key is not in this table (they need other
 * tables), and values PostgreSQL would refuse on every query.
 *
 * <p>Thread-safety: immutable and thread-safe; share one instance among threads.
 */
public final class RowFilter {

  /**
   * Longest value (in characters) of a {@code $like}, {@code $notlike}, {@code $contains}, {@code
   * $notcontains}, {@code $containsfold} or {@code $notcontainsfold}: a longer one is refused, so a
   * subscription's pattern costs at most 16 words of state per row character (FastSchema has no
   * limit; a realtime filter is evaluated on the node for every row, not once by PostgreSQL).
   */
  public static final int MAX_PATTERN_LENGTH = 1024;

  private static final RowFilter MATCH_ALL = new RowFilter(null);

  /** Null when the filter has no predicate. */
  private final Condition condition;

  private RowFilter(Condition condition) {
    this.condition = condition;
  }

  /**
   * Compiles a filter without a catalog: a dotted relation path is checked only up to its first
   * segment before it is refused, and a relation's foreign key is assumed to reference the target's
   * primary key (FastSchema's default).
   *
   * @param filterJson the filter JSON; null or {@code ""} matches every row
   * @param schema the schema of the rows
   * @throws FilterException with FastSchema's error text, or ours for what is not supported
   */
  public static RowFilter parse(String filterJson, Schema schema) throws FilterException {
    return parse(filterJson, schema, null);
  }

  /**
   * Compiles a filter, using the catalog to validate dotted relation paths with FastSchema's exact
   * errors and to check relation targets.
   *
   * @param catalog the catalog holding {@code schema}; null to do without
   */
  public static RowFilter parse(String filterJson, Schema schema, SchemaCatalog catalog)
      throws FilterException {
    return parse(filterJson, schema, catalog, SqlDialect.POSTGRESQL);
  }

  /**
   * Compiles a filter with the meaning it has in the dialect's database (see {@link SqlDialect});
   * on {@link SqlDialect#MYSQL} some filters PostgreSQL answers are refused, each saying why.
   *
   * @param catalog the catalog holding {@code schema}; null to do without
   */
  public static RowFilter parse(
      String filterJson, Schema schema, SchemaCatalog catalog, SqlDialect dialect)
      throws FilterException {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(dialect, "dialect");
    if (filterJson == null || filterJson.isEmpty()) {
      return MATCH_ALL;
    }
    GoValue.Entity root = EntityDecoder.decodeFilter(filterJson);
    List<FilterPredicate> predicates = new PredicateParser(schema, catalog).parse(root);
    Condition condition =
        new PredicateCompiler(schema, catalog, false, dialect).compile(predicates);
    return condition == null ? MATCH_ALL : new RowFilter(condition);
  }

  /**
   * Compiles a filter that may follow relations (FastSchema's spec 5.4): dotted paths of any depth
   * through o2o, o2m (both sides) and m2m, relation fields named without a dot on any side, the
   * anti-join of negative operators on the innermost hop. Evaluate it with {@link
   * #matches(ObjectNode, RelatedRows)} when {@link #needsRelatedRows()}.
   *
   * @param catalog the catalog holding {@code schema} and every schema a path reaches
   */
  public static RowFilter parseWithRelations(
      String filterJson, Schema schema, SchemaCatalog catalog) throws FilterException {
    return parseWithRelations(filterJson, schema, catalog, SqlDialect.POSTGRESQL);
  }

  /** {@link #parseWithRelations(String, Schema, SchemaCatalog)} in the dialect's meaning. */
  public static RowFilter parseWithRelations(
      String filterJson, Schema schema, SchemaCatalog catalog, SqlDialect dialect)
      throws FilterException {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(catalog, "catalog");
    if (filterJson == null || filterJson.isEmpty()) {
      return MATCH_ALL;
    }
    GoValue.Entity root = EntityDecoder.decodeFilter(filterJson);
    List<FilterPredicate> predicates = new PredicateParser(schema, catalog).parse(root);
    Condition condition = new PredicateCompiler(schema, catalog, true, dialect).compile(predicates);
    return condition == null ? MATCH_ALL : new RowFilter(condition);
  }

  /**
   * True when FastSchema's query would return this row.
   *
   * @throws IllegalStateException when the filter reads related records ({@link
   *     #needsRelatedRows()}): use {@link #matches(ObjectNode, RelatedRows)}
   */
  public boolean matches(ObjectNode row) {
    return condition == null || condition.test(row);
  }

  /** True when FastSchema's query would return this row, given the records related to it. */
  public boolean matches(ObjectNode row, RelatedRows related) {
    return condition == null || condition.test(row, related);
  }

  /** True when evaluating the filter reads records of other tables. */
  public boolean needsRelatedRows() {
    return condition != null && readsRelations(condition);
  }

  /**
   * The tables whose rows evaluating this filter reads: each hop's target table, and the junction
   * table of an m2m hop. Empty when {@link #needsRelatedRows()} is false.
   */
  public java.util.Set<String> relatedTables(SchemaCatalog catalog) {
    java.util.Set<String> tables = new java.util.TreeSet<>();
    if (condition != null) {
      collectTables(condition, catalog, tables);
    }
    return tables;
  }

  private static void collectTables(
      Condition condition, SchemaCatalog catalog, java.util.Set<String> tables) {
    if (condition instanceof Condition.RelatedMatch related) {
      RelationHops.addHop(related.relation(), catalog, tables);
      collectTables(related.inner(), catalog, tables);
    } else if (condition instanceof Condition.AllOf all) {
      all.members().forEach(c -> collectTables(c, catalog, tables));
    } else if (condition instanceof Condition.AnyOf any) {
      any.members().forEach(c -> collectTables(c, catalog, tables));
    } else if (condition instanceof Condition.NoRelatedMatch not) {
      collectTables(not.positive(), catalog, tables);
    }
  }

  private static boolean readsRelations(Condition condition) {
    if (condition instanceof Condition.RelatedMatch) {
      return true;
    }
    if (condition instanceof Condition.AllOf all) {
      return all.members().stream().anyMatch(RowFilter::readsRelations);
    }
    if (condition instanceof Condition.AnyOf any) {
      return any.members().stream().anyMatch(RowFilter::readsRelations);
    }
    return condition instanceof Condition.NoRelatedMatch not && readsRelations(not.positive());
  }

  /**
   * An equality every matching row satisfies, for indexing subscriptions by value; empty when the
   * filter has none.
   */
  public Optional<EqualityKey> equalityKey() {
    return condition == null ? Optional.empty() : EqualityKey.of(condition);
  }

  /**
   * An interval every matching row's value of one column lies in, for indexing subscriptions that
   * have no {@link #equalityKey()}; empty when the filter has none.
   */
  public Optional<RangeKey> rangeKey() {
    return condition == null ? Optional.empty() : RangeKey.of(condition);
  }

  /**
   * A {@code $null} test every matching row passes, for indexing subscriptions that have neither an
   * {@link #equalityKey()} nor a {@link #rangeKey()}; empty when the filter has none.
   */
  public Optional<NullKey> nullKey() {
    return condition == null ? Optional.empty() : NullKey.of(condition);
  }

  /** True for an empty filter ({@code ""}, {@code {}}, or only empty groups). */
  public boolean matchesAll() {
    return condition == null;
  }

  @Override
  public String toString() {
    return condition == null ? "RowFilter[all]" : "RowFilter[" + condition + "]";
  }
}
