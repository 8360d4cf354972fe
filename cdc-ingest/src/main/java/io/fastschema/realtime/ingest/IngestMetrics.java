package io.fastschema.realtime.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Ingest's meters. All are read from {@link IngestStats} and the service's state at scrape time, so
 * the engine thread pays nothing beyond the counters it already keeps.
 */
final class IngestMetrics {

  private IngestMetrics() {}

  /** Registers the meters of one service; returns them, to be removed when it closes. */
  static List<Meter> bind(
      IngestStats stats, Supplier<IngestService.State> state, MeterRegistry registry) {
    List<Meter> meters = new ArrayList<>();
    meters.add(
        FunctionCounter.builder("ingest.events.published", stats, IngestStats::eventsPublished)
            .description("Events (record and access-control) acknowledged by Kafka")
            .register(registry));
    meters.add(
        FunctionCounter.builder("ingest.engine.restarts", stats, IngestStats::engineRestarts)
            .description("Restarts of the Debezium engine after it failed")
            .register(registry));
    meters.add(
        FunctionCounter.builder("ingest.truncates", stats, IngestStats::truncates)
            .description(
                "TRUNCATEs of captured tables seen; schema topics get nothing for them, the security and relation state topics a delete per row")
            .register(registry));
    for (IngestService.State s : IngestService.State.values()) {
      meters.add(
          Gauge.builder("ingest.state", state, current -> current.get() == s ? 1 : 0)
              .description("1 for the state the ingest service is in, 0 for the others")
              .strongReference(true) // the supplier is held by nothing else
              .tag("state", s.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    meters.add(
        Gauge.builder(
                "ingest.capture.lag",
                stats,
                st -> st.captureLagMs() < 0 ? Double.NaN : st.captureLagMs() / 1000.0)
            .description(
                "Commit in PostgreSQL to capture by ingest, of the last published event "
                    + "(NaN before the first)")
            .baseUnit("seconds")
            .register(registry));
    return meters;
  }
}
