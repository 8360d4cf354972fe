package io.fastschema.realtime.benchmarks;

/**
 * Reads one metric out of a Prometheus text-format scrape: the sum over all its label sets, so
 * {@code fanout_connections_closed_total{code="1000"}} and {@code {code="4008"}} add up. Enough for
 * counters and gauges; histograms are not read this way.
 *
 * <p>Stateless.
 */
final class PrometheusText {

  private PrometheusText() {}

  /** The sum of {@code name}'s samples, or NaN when the scrape has none. */
  static double sum(String scrape, String name) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(name)) {
        continue;
      }
      int after = name.length();
      if (after < line.length() && line.charAt(after) != ' ' && line.charAt(after) != '{') {
        continue; // another metric sharing the prefix, e.g. name_max
      }
      int valueAt = line.indexOf(' ', line.charAt(after) == '{' ? line.indexOf('}', after) : after);
      if (valueAt < 0) {
        continue;
      }
      String[] rest = line.substring(valueAt + 1).strip().split(" ");
      try {
        sum += Double.parseDouble(rest[0]);
        found = true;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("metric line without a number: " + line, e);
      }
    }
    return found ? sum : Double.NaN;
  }
}
