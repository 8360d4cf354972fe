package io.fastschema.realtime.lifecycle;

/**
 * Whether a component does its job yet; answers {@code GET /readyz}. Implementations must be cheap
 * and thread-safe: probes are called from HTTP threads at any time.
 */
@FunctionalInterface
public interface ReadinessProbe {

  /** Null when ready, else a short text saying what is still missing. */
  String notReadyBecause();

  /** Ready when every part is. */
  static ReadinessProbe all(ReadinessProbe... parts) {
    return () -> {
      StringBuilder missing = new StringBuilder();
      for (ReadinessProbe p : parts) {
        String why = p.notReadyBecause();
        if (why != null) {
          missing.append(missing.length() == 0 ? "" : "; ").append(why);
        }
      }
      return missing.length() == 0 ? null : missing.toString();
    };
  }
}
