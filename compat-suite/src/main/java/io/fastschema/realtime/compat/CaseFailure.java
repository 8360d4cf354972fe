package io.fastschema.realtime.compat;

/** The stack did not answer as a case expects; the message says what it did instead. */
final class CaseFailure extends Exception {

  private static final long serialVersionUID = 1L;

  CaseFailure(String message) {
    super(message, null, false, false);
  }
}
