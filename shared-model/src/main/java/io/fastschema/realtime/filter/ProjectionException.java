package io.fastschema.realtime.filter;

/**
 * A {@code select} list that cannot be applied. Unknown fields and malformed paths carry
 * FastSchema's text ({@code column post.nme not found}, {@code invalid column name ".x"}); relation
 * selections this broker cannot serve say so and name the path.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class ProjectionException extends Exception {

  private static final long serialVersionUID = 1L;

  public ProjectionException(String message) {
    super(message);
  }
}
