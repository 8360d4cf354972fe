package io.fastschema.realtime.fanout;

import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.InvalidConfigurationException;
import io.fastschema.realtime.lifecycle.FatalErrorWatch;
import io.fastschema.realtime.lifecycle.ShutdownDeadline;
import java.time.Clock;
import java.time.Duration;

/** {@code java -jar fanout-server.jar}: one fanout node against an external Kafka. */
public final class FanoutMain {

  private FanoutMain() {}

  public static void main(String[] args) throws Exception {
    FatalErrorWatch fatal = FatalErrorWatch.install("fanout-server", System::exit);
    ConfigReader reader = new ConfigReader(ConfigSource.withFastSchemaDotEnv(System.getenv()));
    FanoutConfig config;
    try {
      config = FanoutConfig.read(reader, null, null, null);
      reader.finish();
    } catch (InvalidConfigurationException e) {
      System.err.println("fanout-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    var meters =
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
            io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    JvmMeters.bindTo(meters);
    FanoutServer server =
        new FanoutServer(
            config, new LiveSchemaCatalog(config.appDir()), Clock.systemUTC(), fatal, meters);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ShutdownDeadline.arm(Duration.ofSeconds(30));
                  try {
                    server.close();
                  } catch (Exception e) {
                    System.err.println("fanout-server: error while stopping: " + e);
                  }
                },
                "fanout-shutdown"));
    server.start();
  }
}
