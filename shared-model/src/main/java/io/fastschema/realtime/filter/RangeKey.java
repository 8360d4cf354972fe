package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A necessary condition of a filter that an interval index can use: every row the filter matches
 * has {@link #column()} inside one interval of that column's order (PostgreSQL's, as {@link
 * Condition.Comparison} applies it). Taken from the filter's top-level conjuncts: {@code $gt},
 * {@code $gte}, {@code $lt}, {@code $lte} on one column (several bounds on it narrow the interval),
 * and a case-sensitive {@code $like} whose pattern starts with literal text, which holds only
 * values from that prefix up to (excluding) its successor in code point order.
 *
 * <p>Used where a filter has no {@link EqualityKey}. Candidates found through it are still
 * evaluated in full, so the interval only has to contain every matching row's value.
 *
 * <p>Thread-safety: immutable.
 */
public final class RangeKey {

  private final RowColumn column;

  /** Null: unbounded below. */
  private final Object lower;

  private final boolean lowerInclusive;

  /** Null: unbounded above. */
  private final Object upper;

  private final boolean upperInclusive;

  private RangeKey(
      RowColumn column,
      Object lower,
      boolean lowerInclusive,
      Object upper,
      boolean upperInclusive) {
    this.column = column;
    this.lower = lower;
    this.lowerInclusive = lowerInclusive;
    this.upper = upper;
    this.upperInclusive = upperInclusive;
  }

  /** The interval of the first top-level conjunct that gives one, narrowed by the others on it. */
  static Optional<RangeKey> of(Condition condition) {
    RangeKey key = null;
    for (Condition c : Condition.conjunctsOf(condition)) {
      RangeKey bound = bound(c);
      if (bound == null) {
        continue;
      }
      if (key == null) {
        key = bound;
      } else if (key.column.name().equals(bound.column.name())) {
        key = key.narrowedBy(bound);
      }
    }
    return Optional.ofNullable(key);
  }

  private static RangeKey bound(Condition c) {
    if (c instanceof Condition.Comparison cmp && cmp.literal() != null && ordered(cmp.column())) {
      return switch (cmp.op()) {
        case GT -> new RangeKey(cmp.column(), cmp.literal(), false, null, false);
        case GTE -> new RangeKey(cmp.column(), cmp.literal(), true, null, false);
        case LT -> new RangeKey(cmp.column(), null, false, cmp.literal(), false);
        case LTE -> new RangeKey(cmp.column(), null, false, cmp.literal(), true);
        default -> null;
      };
    }
    if (c instanceof Condition.PatternMatch like
        && !like.negated()
        && like.folding() == LikeFolding.EXACT
        && like.column().type() instanceof TextType) {
      String prefix = literalPrefix(like.pattern().source());
      if (prefix.isEmpty()) {
        return null;
      }
      String successor = successor(prefix);
      return new RangeKey(like.column(), prefix, true, successor, false);
    }
    return null;
  }

  private static boolean ordered(RowColumn column) {
    return !(column.type() instanceof JsonbType) && !(column.type() instanceof ByteaType);
  }

  /** The literal text before the first unescaped wildcard. */
  static String literalPrefix(String pattern) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' || c == '_') {
        break;
      }
      if (c == '\\') {
        if (++i == pattern.length()) {
          break;
        }
        c = pattern.charAt(i);
      }
      prefix.append(c);
    }
    return prefix.toString();
  }

  /**
   * The least string greater than every string starting with {@code prefix}, in code point order;
   * null when there is none (a prefix of only U+10FFFF).
   */
  static String successor(String prefix) {
    int[] cps = prefix.codePoints().toArray();
    for (int i = cps.length - 1; i >= 0; i--) {
      if (cps[i] < Character.MAX_CODE_POINT) {
        int next = cps[i] + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
          next = Character.MAX_SURROGATE + 1; // surrogates are not code points of a string
        }
        return new String(cps, 0, i) + new String(Character.toChars(next));
      }
    }
    return null;
  }

  private RangeKey narrowedBy(RangeKey other) {
    Object lo = lower;
    boolean loIn = lowerInclusive;
    if (other.lower != null) {
      int c = lo == null ? -1 : compare(lo, other.lower);
      if (c < 0 || (c == 0 && !other.lowerInclusive)) {
        lo = other.lower;
        loIn = other.lowerInclusive;
      }
    }
    Object hi = upper;
    boolean hiIn = upperInclusive;
    if (other.upper != null) {
      int c = hi == null ? 1 : compare(hi, other.upper);
      if (c > 0 || (c == 0 && !other.upperInclusive)) {
        hi = other.upper;
        hiIn = other.upperInclusive;
      }
    }
    return new RangeKey(column, lo, loIn, hi, hiIn);
  }

  /** The row key (column name) the interval is about. */
  public String column() {
    return column.name();
  }

  /** The row's value of {@link #column()} as the filter compares it; null for SQL NULL. */
  public Object valueOf(ObjectNode row) {
    return column.read(row);
  }

  /** The column's order (PostgreSQL's), on values of {@link #valueOf} and the bounds. */
  public int compare(Object a, Object b) {
    return column.type().compare(a, b);
  }

  /** The lower bound, or null when unbounded below. */
  public Object lower() {
    return lower;
  }

  public boolean lowerInclusive() {
    return lowerInclusive;
  }

  /** The upper bound, or null when unbounded above. */
  public Object upper() {
    return upper;
  }

  public boolean upperInclusive() {
    return upperInclusive;
  }

  /** Whether a non-null value lies in the interval. */
  public boolean contains(Object value) {
    if (lower != null) {
      int c = compare(value, lower);
      if (c < 0 || (c == 0 && !lowerInclusive)) {
        return false;
      }
    }
    if (upper != null) {
      int c = compare(value, upper);
      return c < 0 || (c == 0 && upperInclusive);
    }
    return true;
  }

  /**
   * Whether {@code other} orders values the same way: same column name and column type, so one
   * interval index can hold both.
   */
  public boolean sameOrderAs(RangeKey other) {
    // Column types are singletons, one per SQL type (REAL and DOUBLE PRECISION are distinct).
    return column.name().equals(other.column.name()) && column.type() == other.column.type();
  }

  @Override
  public String toString() {
    return "RangeKey["
        + column.name()
        + " in "
        + (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower)
        + ", "
        + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"))
        + "]";
  }
}
