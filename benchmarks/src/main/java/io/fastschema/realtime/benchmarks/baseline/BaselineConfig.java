package io.fastschema.realtime.benchmarks.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline server's settings, from the same variables the real processes use ({@code APP_KEY},
 * {@code FASTSCHEMA_DIR}, {@code DB_*}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code REALTIME_PORT},
 * {@code REALTIME_TOPIC_PREFIX}) plus {@code BASELINE_DB_POOL_SIZE}.
 */
public record BaselineConfig(
    int port,
    String kafkaBootstrapServers,
    String topicPrefix,
    String appKey,
    Path appDir,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    int poolSize) {

  /**
   * @throws IllegalArgumentException listing every missing or bad variable
   */
  public static BaselineConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    for (String required :
        List.of(
            "APP_KEY",
            "FASTSCHEMA_DIR",
            "KAFKA_BOOTSTRAP_SERVERS",
            "DB_HOST",
            "DB_PORT",
            "DB_NAME",
            "DB_USER",
            "DB_PASS")) {
      if (env.get(required) == null || env.get(required).isBlank()) {
        problems.add(required + " is required");
      }
    }
    int port = integer(env, "REALTIME_PORT", 8080, problems);
    int pool = integer(env, "BASELINE_DB_POOL_SIZE", 10, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new BaselineConfig(
        port,
        env.get("KAFKA_BOOTSTRAP_SERVERS"),
        env.getOrDefault("REALTIME_TOPIC_PREFIX", "fastschema"),
        env.get("APP_KEY"),
        Path.of(env.get("FASTSCHEMA_DIR")),
        "jdbc:postgresql://"
            + env.get("DB_HOST")
            + ":"
            + env.get("DB_PORT")
            + "/"
            + env.get("DB_NAME"),
        env.get("DB_USER"),
        env.get("DB_PASS"),
        pool);
  }

  private static int integer(
      Map<String, String> env, String name, int fallback, List<String> problems) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + raw + "'");
      return fallback;
    }
  }
}
