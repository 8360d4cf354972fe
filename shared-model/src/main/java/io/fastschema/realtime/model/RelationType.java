package io.fastschema.realtime.model;

import java.util.Locale;

/**
 * The kind of a FastSchema relation ({@code relation.type} in schema JSON).
 *
 * <p>For {@link #O2M} the {@code owner: true} side is the "one" side holding the collection (e.g.
 * {@code category.posts}); the other side holds the foreign key.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum RelationType {
  O2O,
  O2M,
  M2M;

  /**
   * Parses a {@code relation.type} value: {@code o2o}, {@code o2m}, {@code m2m}, or {@code m2o},
   * which FastSchema treats as {@code o2m} seen from the other side ({@code schema/common.go}).
   * Exact and case-sensitive, as in FastSchema.
   *
   * @throws IllegalArgumentException naming the value when it is none of these
   */
  public static RelationType parse(String jsonName) {
    if (jsonName != null) {
      switch (jsonName) {
        case "o2o":
          return O2O;
        case "o2m":
        case "m2o":
          return O2M;
        case "m2m":
          return M2M;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT, "unknown relation type '%s' (expected o2o, o2m, m2o or m2m)", jsonName));
  }
}
