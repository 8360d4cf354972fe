package io.fastschema.realtime.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the condition of one operator on one column, converting the operand as PostgreSQL receives
 * it ({@link SqlType#literal}); reports refused values in FastSchema's message shape followed by
 * the database's reason.
 *
 * <p>Thread-safety: not shared; one per leaf.
 */
final class LeafBuilder {

  private final FilterPredicate.Leaf leaf;
  private final RowColumn column;

  LeafBuilder(FilterPredicate.Leaf leaf, RowColumn column) {
    this.leaf = leaf;
    this.column = column;
  }

  /** The condition for {@code op} (the leaf's operator, or its positive form for relations). */
  Condition build(Operator op) throws FilterException {
    switch (op) {
      case EQ:
      case NEQ:
      case GT:
      case GTE:
      case LT:
      case LTE:
        requireOrder(op);
        return new Condition.Comparison(column, op, literal(leaf.value()));
      case LIKE:
      case NOT_LIKE:
        requireLike(false);
        return pattern(text(), column.type().likeFolding(), op == Operator.NOT_LIKE);
      case CONTAINS:
      case NOT_CONTAINS:
        requireLike(false);
        return pattern(
            LikePattern.containsPattern(text()),
            column.type().likeFolding(),
            op == Operator.NOT_CONTAINS);
      case CONTAINS_FOLD:
      case NOT_CONTAINS_FOLD:
        requireLike(true);
        // ent lowers the escaped value (Go strings.ToLower); the folding (ILIKE's lowering, or
        // MySQL's general_ci weights) then applies to pattern and row alike.
        return pattern(
            Lowercase.of(LikePattern.containsPattern(text())),
            column.type().containsFoldFolding(),
            op == Operator.NOT_CONTAINS_FOLD);
      case IN:
      case NIN:
        List<Object> values = new ArrayList<>();
        for (GoValue item : ((GoValue.Slice) leaf.value()).items()) {
          values.add(literal(item));
        }
        return new Condition.Membership(column, values, op == Operator.NIN);
      case NULL:
        return new Condition.NullTest(column, ((GoValue.Bool) leaf.value()).value());
      default:
        throw new IllegalStateException("unknown operator " + op);
    }
  }

  /**
   * The operand of a pattern operator, checked as a text value PostgreSQL accepts and no longer
   * than {@link RowFilter#MAX_PATTERN_LENGTH} characters.
   */
  private String text() throws FilterException {
    literal(leaf.value());
    String text = ((GoValue.Str) leaf.value()).value();
    long length = text.codePoints().count();
    if (length > RowFilter.MAX_PATTERN_LENGTH) {
      throw new FilterException(
          "filter error: operator "
              + leaf.opKey()
              + " on field "
              + leaf.field().name()
              + ": the value is "
              + length
              + " characters long, longer than the "
              + RowFilter.MAX_PATTERN_LENGTH
              + " realtime allows");
    }
    return text;
  }

  private void requireLike(boolean caseFold) throws FilterException {
    if (!column.type().hasLike()) {
      throw new FilterException(
          "filter error: operator "
              + leaf.opKey()
              + " is not supported for field "
              + leaf.field().name()
              + " ("
              + leaf.field().type().jsonName()
              + "): operator does not exist: "
              + column.type().name()
              + (caseFold ? " ~~* " : " ~~ ")
              + "unknown");
    }
  }

  private void requireOrder(Operator op) throws FilterException {
    boolean ordering = op == Operator.GT || op == Operator.GTE || op == Operator.LT;
    if ((ordering || op == Operator.LTE) && !column.type().ordered()) {
      throw new FilterException(
          "filter error: operator "
              + leaf.opKey()
              + " on field "
              + leaf.field().name()
              + " ("
              + leaf.field().type().jsonName()
              + ") is not supported by realtime filters: "
              + column.type().unorderedReason());
    }
  }

  private Condition pattern(String pattern, LikeFolding folding, boolean negated)
      throws FilterException {
    try {
      return new Condition.PatternMatch(
          column, LikePattern.compile(folding.foldPattern(pattern)), folding, negated);
    } catch (SqlValueException e) {
      throw refused(e);
    }
  }

  /** SQL NULL (null) for Go nil, which ent writes as a literal {@code NULL}. */
  private Object literal(GoValue value) throws FilterException {
    if (value instanceof GoValue.Nil) {
      return null;
    }
    try {
      return column.type().literal(value);
    } catch (SqlValueException e) {
      throw refused(e);
    }
  }

  private FilterException refused(SqlValueException e) {
    GoValue value = leaf.value();
    return new FilterException(
        "filter error: invalid value for field "
            + leaf.operandName()
            + " ("
            + leaf.field().type().jsonName()
            + ") = "
            + value.display()
            + " ("
            + value.goType()
            + "): "
            + e.getMessage());
  }
}
