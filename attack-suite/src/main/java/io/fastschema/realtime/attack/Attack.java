package io.fastschema.realtime.attack;

/**
 * One attack of the run: what it does, the bound the node must keep, and the body that performs it
 * against a running stack and says what it saw.
 *
 * @param name short name, the first column of the results table
 * @param bound what the node must keep to pass (with the setting that sets it)
 */
record Attack(String name, String bound, Body body) {

  /** Performs the attack; an exception counts as a failure with its message as the observation. */
  @FunctionalInterface
  interface Body {
    Observation run(AttackStack stack) throws Exception;
  }

  /**
   * @param observed what the attack saw, in a few words and numbers
   * @param passed whether the node kept the bound
   */
  record Observation(String observed, boolean passed) {}

  /** What one attack did, for the table. */
  record Result(String name, String bound, String observed, boolean passed, long millis) {}

  Result runAgainst(AttackStack stack) {
    long start = System.nanoTime();
    Observation o;
    try {
      o = body.run(stack);
    } catch (Exception | AssertionError e) {
      o = new Observation("error: " + e, false);
    }
    return new Result(
        name, bound, o.observed(), o.passed(), (System.nanoTime() - start) / 1_000_000);
  }
}
