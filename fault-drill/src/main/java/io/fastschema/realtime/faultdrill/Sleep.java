package io.fastschema.realtime.faultdrill;

/** Thread.sleep that turns an interrupt into an unchecked exception (the drill is then aborted). */
final class Sleep {

  private Sleep() {}

  static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("drill interrupted", e);
    }
  }
}
