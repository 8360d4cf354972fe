package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FastSchema's filter parsing and validation ({@code db/predicate.go} {@code
 * createObjectPredicates}, {@code createPredicatesFromValue}, {@code createOperatorPredicate}),
 * with its error texts and its order of checks: keys in document order; per operator first the
 * operator name, then the value's type (skipped for {@code $null} and for relation fields named
 * without a dot), then the operator's own shape rule ({@code $in} needs an array, …).
 *
 * <p>Thread-safety: immutable; used by one parse at a time anyway.
 */
final class PredicateParser {

  private final Schema schema;

  /** Follows dotted relation paths for validation; null when the caller has no catalog. */
  private final SchemaCatalog catalog;

  PredicateParser(Schema schema, SchemaCatalog catalog) {
    this.schema = schema;
    this.catalog = catalog;
  }

  /** The top-level (implicitly ANDed) predicates of a filter object. */
  List<FilterPredicate> parse(GoValue.Entity object) throws FilterException {
    List<FilterPredicate> predicates = new ArrayList<>();
    for (Map.Entry<String, GoValue> entry : object.entries().entrySet()) {
      String key = entry.getKey();
      if (key.equals("$or") || key.equals("$and")) {
        predicates.add(group(key.equals("$or"), entry.getValue()));
        continue;
      }
      List<FilterPredicate> leaves =
          key.contains(".")
              ? pathPredicates(key, entry.getValue())
              : fieldPredicates(key, entry.getValue());
      predicates.add(leaves.size() > 1 ? new FilterPredicate.Group(false, leaves) : leaves.get(0));
    }
    return predicates;
  }

  private FilterPredicate group(boolean any, GoValue value) throws FilterException {
    if (!(value instanceof GoValue.EntitySlice)) {
      throw new FilterException("invalid $or/$and value");
    }
    List<FilterPredicate> members = new ArrayList<>();
    for (GoValue.Entity element : ((GoValue.EntitySlice) value).items()) {
      List<FilterPredicate> entries = parse(element);
      if (entries.size() > 1) {
        members.add(new FilterPredicate.Group(false, entries));
      } else {
        members.addAll(entries);
      }
    }
    return new FilterPredicate.Group(any, members);
  }

  private List<FilterPredicate> fieldPredicates(String key, GoValue value) throws FilterException {
    Field field = schema.field(key).orElseThrow(() -> fieldNotFound(schema, key));
    // A relation named without a dot filters on the target's primary key, unvalidated.
    return predicates(key, field, field.isRelation() ? null : field, value);
  }

  private List<FilterPredicate> pathPredicates(String key, GoValue value) throws FilterException {
    List<String> segments = pathSegments(key);
    if (segments.size() < 2) {
      throw new FilterException("filter error: " + key + " is not a valid relation field");
    }
    Schema current = schema;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      Schema owner = current;
      Field hop = owner.field(segment).orElseThrow(() -> fieldNotFound(owner, segment));
      if (!hop.isRelation()) {
        throw new FilterException("filter error: " + key + " is not a relation field");
      }
      if (catalog == null) {
        // Cannot follow the path; the compiler rejects relation paths anyway.
        return List.of(new FilterPredicate.Leaf(key, null, Operator.EQ, null, value));
      }
      String target = hop.relation().targetSchema();
      current =
          catalog
              .schema(target)
              .orElseThrow(
                  () ->
                      new FilterException(
                          "filter error: invalid relation schema "
                              + segment
                              + ": schema "
                              + target
                              + " not found"));
    }
    Schema last = current;
    String lastName = segments.get(segments.size() - 1);
    Field field = last.field(lastName).orElseThrow(() -> fieldNotFound(last, lastName));
    return predicates(key, field, field, value);
  }

  /**
   * {@code createPredicatesFromValue}: an object holds operators, anything else is a bare value
   * compared with {@code =}; {@code validateAs} null skips the type check.
   */
  private static List<FilterPredicate> predicates(
      String key, Field field, Field validateAs, GoValue value) throws FilterException {
    if (!(value instanceof GoValue.Entity)) {
      if (validateAs != null && !ValueCheck.isValid(validateAs, value)) {
        throw invalidValue(field.name(), validateAs, value);
      }
      return List.of(new FilterPredicate.Leaf(key, field, Operator.EQ, null, value));
    }
    List<FilterPredicate> leaves = new ArrayList<>();
    for (Map.Entry<String, GoValue> entry : ((GoValue.Entity) value).entries().entrySet()) {
      String opKey = entry.getKey();
      GoValue operand = entry.getValue();
      Operator op = Operator.byName(opKey);
      if (op == null) {
        throw new FilterException(
            "filter error: invalid operator " + opKey + " for field " + field.name());
      }
      if (validateAs != null && op != Operator.NULL && !ValueCheck.isValid(validateAs, operand)) {
        throw invalidValue(field.name() + "." + opKey, validateAs, operand);
      }
      checkShape(op, operand);
      leaves.add(new FilterPredicate.Leaf(key, field, op, opKey, operand));
    }
    if (leaves.isEmpty()) {
      throw new FilterException("invalid field predicates");
    }
    return leaves;
  }

  /** {@code createOperatorPredicate}'s checks of the operand's Go type. */
  private static void checkShape(Operator op, GoValue operand) throws FilterException {
    if (op.takesPattern() && !(operand instanceof GoValue.Str)) {
      throw new FilterException("filter error: " + op.wireName() + " operator must be a string");
    }
    if ((op == Operator.IN || op == Operator.NIN) && !(operand instanceof GoValue.Slice)) {
      throw new FilterException("filter error: " + op.wireName() + " operator must be an array");
    }
    if (op == Operator.NULL && !(operand instanceof GoValue.Bool)) {
      throw new FilterException("filter error: $null operator must be a boolean");
    }
  }

  static FilterException invalidValue(String operandName, Field field, GoValue value) {
    return new FilterException(
        "filter error: invalid value for field "
            + operandName
            + " ("
            + field.type().jsonName()
            + ") = "
            + value.display()
            + " ("
            + value.goType()
            + ")");
  }

  /** {@code schema.ErrFieldNotFound}. */
  private static FilterException fieldNotFound(Schema owner, String name) {
    return new FilterException(
        "filter error: [field.not_found] schema '"
            + owner.name()
            + "', field '"
            + name
            + "': field '"
            + name
            + "' is not defined in schema '"
            + owner.name()
            + "'");
  }

  /** The segments of a dotted key, blank ones dropped ({@code parseFieldPath}). */
  static List<String> pathSegments(String key) {
    List<String> segments = new ArrayList<>();
    for (String segment : key.split("\\.", -1)) {
      if (!isGoBlank(segment)) {
        segments.add(segment);
      }
    }
    return segments;
  }

  /** {@code strings.TrimSpace(s) == ""}: Go's {@code unicode.IsSpace}. */
  private static boolean isGoBlank(String s) {
    return s.codePoints()
        .allMatch(
            c -> (c >= '\t' && c <= '\r') || c == ' ' || c == 0x85 || Character.isSpaceChar(c));
  }
}
