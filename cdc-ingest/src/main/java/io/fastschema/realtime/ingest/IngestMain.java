package io.fastschema.realtime.ingest;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.InvalidConfigurationException;
import io.fastschema.realtime.lifecycle.FatalErrorWatch;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.fastschema.realtime.lifecycle.ShutdownDeadline;
import io.fastschema.realtime.model.SchemaCatalog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar cdc-ingest.jar}: the ingest process on its own, against an external Kafka. */
public final class IngestMain {

  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) throws Exception {
    FatalErrorWatch fatal = FatalErrorWatch.install("cdc-ingest", System::exit);
    ConfigReader reader = new ConfigReader(ConfigSource.withFastSchemaDotEnv(System.getenv()));
    IngestConfig config;
    int healthPort;
    try {
      config = IngestConfig.read(reader, null, null, null);
      healthPort = reader.get(IngestSettings.HEALTH_PORT);
      reader.finish();
    } catch (InvalidConfigurationException e) {
      System.err.println("cdc-ingest: " + e.getMessage());
      System.exit(2);
      return;
    }
    SchemaCatalog catalog = SchemaCatalog.load(config.appDir());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The process's heap, GC, CPU and threads, bound once for the life of the JVM.
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
    IngestService ingest = new IngestService(config, catalog, Clock.systemUTC(), metrics);
    HealthEndpoint health =
        HealthEndpoint.start(healthPort, ReadinessProbe.all(ingest.readiness(), fatal), metrics);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ShutdownDeadline.arm(Duration.ofSeconds(30));
                  ingest.close();
                  health.close();
                },
                "ingest-shutdown"));
    ingest.start();
    LOG.info(
        "cdc-ingest running; health on http://0.0.0.0:{}/readyz, metrics on /metrics",
        health.port());
  }
}
