package io.fastschema.realtime.model;

import java.util.List;

/**
 * Every problem found while loading FastSchema schemas, across all files, each naming its file.
 *
 * <p>Loading does not stop at the first problem so an operator can fix a whole schema directory in
 * one go.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class SchemaLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  SchemaLoadException(List<String> problems) {
    super(
        "could not load FastSchema schemas ("
            + problems.size()
            + " problem"
            + (problems.size() == 1 ? "" : "s")
            + "):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code "<file>: <what is wrong>"}, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
