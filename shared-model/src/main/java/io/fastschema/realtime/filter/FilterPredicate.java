package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Field;
import java.util.List;

/**
 * A filter after FastSchema's parsing and validation ({@code db.Predicate} as built by {@code
 * db/predicate.go}), before it means anything in SQL. {@link PredicateParser} builds it; {@link
 * PredicateCompiler} turns it into a {@link Condition}.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface FilterPredicate {

  /**
   * One operator on one field.
   *
   * @param key the filter key: a field name, or a dotted relation path
   * @param field the field the key names; for a dotted path the path's last field, or null when the
   *     path could not be followed (no catalog)
   * @param op the operator; {@link Operator#EQ} for a bare value
   * @param opKey the operator as written, or null for a bare value
   * @param value the operand
   */
  record Leaf(String key, Field field, Operator op, String opKey, GoValue value)
      implements FilterPredicate {

    boolean isRelationPath() {
      return key.contains(".");
    }

    /** How FastSchema's messages name the operand: {@code views.$gt} or {@code views}. */
    String operandName() {
      String name = field != null ? field.name() : key;
      return opKey == null ? name : name + "." + opKey;
    }
  }

  /**
   * {@code $and} / {@code $or}, and the implicit AND of several operators on one field or of the
   * entries of one {@code $or} element. An empty group (from {@code {}} elements) is dropped when
   * compiled, as ent drops a predicate without field and members.
   */
  record Group(boolean any, List<FilterPredicate> members) implements FilterPredicate {
    public Group {
      members = List.copyOf(members);
    }
  }
}
