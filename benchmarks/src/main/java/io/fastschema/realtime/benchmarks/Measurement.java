package io.fastschema.realtime.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the measured phase (writes plus drain) did besides delivering: how well it kept the rate and
 * what the JVM spent meanwhile.
 *
 * @param pacing how well the measured writes kept to the rate
 * @param gc collections between the first measured write and the end of the drain
 * @param cpuNanos CPU time of this JVM over the same span (PostgreSQL not included), or negative
 *     when the JVM does not report it
 */
record Measurement(Pacing pacing, GcActivity gc, long cpuNanos) {

  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    double rate = pacing.achievedRate();
    out.put("achieved_rate_per_s", Double.isNaN(rate) ? null : Math.round(rate * 100) / 100.0);
    out.put("max_schedule_lag_ms", Math.round(pacing.maxLagNanos() / 1e3) / 1000.0);
    out.put("gc_collections", gc.collections());
    out.put("gc_ms", gc.millis());
    out.put("jvm_cpu_ms", cpuNanos < 0 ? null : cpuNanos / 1_000_000);
    return out;
  }
}
