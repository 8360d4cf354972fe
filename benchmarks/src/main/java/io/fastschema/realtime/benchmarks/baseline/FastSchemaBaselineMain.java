package io.fastschema.realtime.benchmarks.baseline;

import io.fastschema.realtime.model.SchemaCatalog;

/**
 * {@code java -cp ... FastSchemaBaselineMain}: the FastSchema-strategy server the load benchmark
 * compares against (see {@link FastSchemaBaselineServer}). Configured by environment variables
 * ({@link BaselineConfig}); runs until killed.
 */
public final class FastSchemaBaselineMain {

  private FastSchemaBaselineMain() {}

  public static void main(String[] args) throws Exception {
    BaselineConfig config;
    try {
      config = BaselineConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("fastschema-baseline: " + e.getMessage());
      System.exit(2);
      return;
    }
    FastSchemaBaselineServer server =
        new FastSchemaBaselineServer(config, SchemaCatalog.load(config.appDir()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    System.err.println("fastschema-baseline: error while stopping: " + e);
                  }
                },
                "baseline-stop"));
    server.start();
  }
}
