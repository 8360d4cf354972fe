package io.fastschema.realtime.standalone;

import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutServer;
import io.fastschema.realtime.fanout.LiveSchemaCatalog;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestService;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.model.SchemaCatalog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ingest and one fanout node in one JVM, sharing nothing but Kafka (exactly as separate processes
 * would). Used by the standalone jar and the end-to-end tests. The ingest half can be stopped and
 * started again, to show that a restart loses nothing. Both halves register their meters on one
 * registry, so the fanout's {@code /metrics} shows ingest's too.
 *
 * <p>Thread-safe.
 */
public final class Pipeline implements AutoCloseable {

  private final IngestConfig ingestConfig;
  private final Clock clock;
  private final LiveSchemaCatalog catalog;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<IngestService> ingest = new AtomicReference<>();
  private final FanoutServer fanout;

  private Pipeline(
      IngestConfig ingestConfig, FanoutConfig fanoutConfig, Clock clock, ReadinessProbe alsoReady)
      throws Exception {
    this.ingestConfig = ingestConfig;
    this.clock = clock;
    this.catalog = new LiveSchemaCatalog(fanoutConfig.appDir());
    ReadinessProbe ingestReady =
        () -> {
          IngestService current = ingest.get();
          return current == null ? "ingest is stopped" : current.readiness().notReadyBecause();
        };
    this.fanout =
        new FanoutServer(
            fanoutConfig, catalog, clock, ReadinessProbe.all(ingestReady, alsoReady), metrics);
  }

  /** Starts ingest (which creates the topics), then the fanout node. */
  public static Pipeline start(IngestConfig ingestConfig, FanoutConfig fanoutConfig, Clock clock)
      throws Exception {
    return start(ingestConfig, fanoutConfig, clock, () -> null);
  }

  /**
   * @param alsoReady more readiness ({@code /readyz}): the process's {@link
   *     io.fastschema.realtime.lifecycle.FatalErrorWatch}
   */
  public static Pipeline start(
      IngestConfig ingestConfig, FanoutConfig fanoutConfig, Clock clock, ReadinessProbe alsoReady)
      throws Exception {
    Pipeline p = new Pipeline(ingestConfig, fanoutConfig, clock, alsoReady);
    p.startIngest();
    p.fanout.start();
    return p;
  }

  public synchronized void startIngest() throws Exception {
    if (ingest.get() != null) {
      throw new IllegalStateException("ingest is already running");
    }
    SchemaCatalog schemas = SchemaCatalog.load(ingestConfig.appDir());
    IngestService service = new IngestService(ingestConfig, schemas, clock, metrics);
    ingest.set(service);
    service.start();
  }

  public synchronized void stopIngest() {
    IngestService service = ingest.getAndSet(null);
    if (service != null) {
      service.close();
    }
  }

  /** Null when ready, else why not. */
  public String notReadyBecause() {
    IngestService current = ingest.get();
    String why = current == null ? "ingest is stopped" : current.readiness().notReadyBecause();
    return why != null ? why : fanout.source().readiness().notReadyBecause();
  }

  /** Waits until ingest streams and fanout is positioned on every topic. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String why;
    while ((why = notReadyBecause()) != null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pipeline not ready after " + timeout + ": " + why);
      }
      Thread.sleep(25);
    }
  }

  public IngestService ingest() {
    return ingest.get();
  }

  public FanoutServer fanout() {
    return fanout;
  }

  /** The registry both halves report to, served at the fanout's {@code /metrics}. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The fanout's management port (of {@code /metrics}). */
  public int managementPort() {
    return fanout.managementPort();
  }

  public int port() {
    return fanout.port();
  }

  @Override
  public void close() throws Exception {
    try {
      fanout.close();
    } finally {
      stopIngest();
    }
  }
}
