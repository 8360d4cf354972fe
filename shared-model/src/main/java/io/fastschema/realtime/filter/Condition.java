package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Schema;
import java.util.List;

/**
 * A compiled filter predicate, evaluated on one row.
 *
 * <p>{@link #test} answers "is the SQL predicate TRUE for this row". SQL's third value, UNKNOWN,
 * counts as not true. That is exact here because FastSchema's SQL puts {@code NOT} only directly
 * around a single comparison ({@code NOT (col LIKE v)}, {@code NOT IN}) or around {@code EXISTS}
 * (never UNKNOWN), never around {@code AND}/{@code OR}: each leaf below evaluates its own {@code
 * NOT} with NULL propagation, and {@code AND}/{@code OR} of "true or not" then agree with SQL.
 *
 * <p>Thread-safety: implementations are immutable.
 */
interface Condition {

  boolean test(ObjectNode row);

  /**
   * {@link #test(ObjectNode)} with the related records a relation condition reads; conditions on
   * the row alone ignore {@code related}.
   */
  default boolean test(ObjectNode row, RelatedRows related) {
    return test(row);
  }

  /**
   * The top-level conjuncts: the members of nested ANDs ({@code {"views":{"$gte":1,"$lt":5}}} is an
   * AND in an AND), or the condition itself.
   */
  static List<Condition> conjunctsOf(Condition condition) {
    List<Condition> out = new java.util.ArrayList<>();
    addConjuncts(condition, out);
    return out;
  }

  private static void addConjuncts(Condition c, List<Condition> out) {
    if (c instanceof AllOf all) {
      for (Condition member : all.members()) {
        addConjuncts(member, out);
      }
    } else {
      out.add(c);
    }
  }

  /** {@code a AND b AND …}. */
  record AllOf(List<Condition> members) implements Condition {
    public AllOf {
      members = List.copyOf(members);
    }

    @Override
    public boolean test(ObjectNode row) {
      for (Condition member : members) {
        if (!member.test(row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean test(ObjectNode row, RelatedRows related) {
      for (Condition member : members) {
        if (!member.test(row, related)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code a OR b OR …}. */
  record AnyOf(List<Condition> members) implements Condition {
    public AnyOf {
      members = List.copyOf(members);
    }

    @Override
    public boolean test(ObjectNode row) {
      for (Condition member : members) {
        if (member.test(row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean test(ObjectNode row, RelatedRows related) {
      for (Condition member : members) {
        if (member.test(row, related)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code col = v}, {@code <>}, {@code >}, {@code >=}, {@code <}, {@code <=}; v NULL is null. */
  record Comparison(RowColumn column, Operator op, Object literal) implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      Object value = column.read(row);
      if (value == null || literal == null) {
        return false;
      }
      int order = column.type().compare(value, literal);
      switch (op) {
        case EQ:
          return order == 0;
        case NEQ:
          return order != 0;
        case GT:
          return order > 0;
        case GTE:
          return order >= 0;
        case LT:
          return order < 0;
        case LTE:
          return order <= 0;
        default:
          throw new IllegalStateException("not a comparison: " + op);
      }
    }
  }

  /**
   * {@code col IN (…)} or {@code col NOT IN (…)}; a null in {@code values} is a NULL in the list,
   * which makes {@code NOT IN} UNKNOWN for every value not found.
   */
  record Membership(RowColumn column, List<Object> values, boolean negated) implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      Object value = column.read(row);
      if (value == null) {
        return false;
      }
      boolean listHasNull = false;
      for (Object candidate : values) {
        if (candidate == null) {
          listHasNull = true;
        } else if (column.type().compare(value, candidate) == 0) {
          return !negated;
        }
      }
      return negated && !listHasNull;
    }
  }

  /**
   * {@code col LIKE p}, {@code col ILIKE p}, or {@code NOT (…)} of either; {@code pattern} is
   * already folded with {@code folding}, the row's text is folded before matching.
   */
  record PatternMatch(RowColumn column, LikePattern pattern, LikeFolding folding, boolean negated)
      implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      Object value = column.read(row);
      if (value == null) {
        return false;
      }
      return pattern.matches(LikeSubject.of((String) value, folding)) != negated;
    }
  }

  /** {@code col IS NULL} or {@code col IS NOT NULL}. */
  record NullTest(RowColumn column, boolean isNull) implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      return (column.read(row) == null) == isNull;
    }
  }

  /**
   * {@code NOT EXISTS (…)} of a relation filter: true when the positive condition is not true,
   * including when the foreign key is NULL (no related record).
   */
  record NoRelatedMatch(Condition positive) implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      return !positive.test(row);
    }

    @Override
    public boolean test(ObjectNode row, RelatedRows related) {
      return !positive.test(row, related);
    }
  }

  /**
   * One relation hop of FastSchema's relation filter: {@code EXISTS (SELECT … FROM target WHERE
   * <join> AND <inner>)} for o2o/o2m, {@code pk IN (SELECT junction.col … WHERE <inner>)} for m2m;
   * {@code NOT} of it when {@code negated} (the innermost hop of a negative operator, whose {@code
   * inner} is then the positive operator). Both forms are never UNKNOWN, so the negation is exact.
   *
   * @param schema the schema of the rows tested
   * @param relation the relation field of {@code schema} followed
   * @param inner the condition on the related rows
   * @param negated true for the anti-join
   */
  record RelatedMatch(Schema schema, Field relation, Condition inner, boolean negated)
      implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      throw new IllegalStateException(
          "relation filter on " + schema.name() + "." + relation.name() + " needs related rows");
    }

    @Override
    public boolean test(ObjectNode row, RelatedRows related) {
      boolean any = false;
      for (ObjectNode target : related.related(schema, relation, row)) {
        if (inner.test(target, related)) {
          any = true;
          break;
        }
      }
      return any != negated;
    }

    @Override
    public String toString() {
      return (negated ? "NoRelated[" : "Related[")
          + schema.name()
          + "."
          + relation.name()
          + ": "
          + inner
          + "]";
    }
  }

  /** A predicate that is never true, e.g. "the related record's primary key IS NULL". */
  record Never() implements Condition {
    @Override
    public boolean test(ObjectNode row) {
      return false;
    }
  }
}
