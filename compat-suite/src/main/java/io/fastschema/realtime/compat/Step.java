package io.fastschema.realtime.compat;

import java.util.List;

/** One thing that happens on an accepted connection. Strings may hold placeholders. */
sealed interface Step {

  /** Statements run one by one, each committed on its own. */
  record Sql(List<String> statements) implements Step {}

  /**
   * Statements run in one transaction that then commits or rolls back; before it ends, no message
   * of the case may arrive for {@code quietBeforeEndMs}.
   */
  record Transaction(List<String> statements, boolean commit, int quietBeforeEndMs)
      implements Step {}

  /** A text frame from the client. */
  record SendText(String text) implements Step {}

  /** A binary frame from the client (the UTF-8 bytes of the text). */
  record SendBinary(String text) implements Step {}

  /** The next message of the case must arrive within the time and match. */
  record AwaitMessage(MessageExpectation expected, int withinMs) implements Step {}

  /** No message of the case may arrive for this long. */
  record Quiet(int ms) implements Step {}

  /**
   * The server must close the connection within the time, with this code and reason (null: any
   * reason).
   */
  record AwaitClose(int code, String reason, int withinMs) implements Step {}
}
