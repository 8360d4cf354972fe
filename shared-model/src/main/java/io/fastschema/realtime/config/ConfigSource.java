package io.fastschema.realtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw configuration values: the process environment, over FastSchema's own {@code
 * $FASTSCHEMA_DIR/data/.env} when there is one. As in FastSchema (godotenv), a variable already set
 * in the environment wins over the file.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSource {

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private ConfigSource(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** Only the given variables, as if they were the whole environment. */
  public static ConfigSource of(Map<String, String> env) {
    Map<String, String> origins = new HashMap<>();
    env.keySet().forEach(k -> origins.put(k, "environment"));
    return new ConfigSource(env, origins);
  }

  /**
   * The given environment, plus {@code <FASTSCHEMA_DIR>/data/.env} when FASTSCHEMA_DIR is set and
   * the file exists. Variables of the environment win.
   */
  public static ConfigSource withFastSchemaDotEnv(Map<String, String> env) {
    String dir = env.get(CommonSettings.FASTSCHEMA_DIR.env());
    if (dir == null || dir.isBlank()) {
      return of(env);
    }
    Path dotEnv = Path.of(dir, "data", ".env");
    if (!Files.isRegularFile(dotEnv)) {
      return of(env);
    }
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> origins = new HashMap<>();
    DotEnvFile.read(dotEnv)
        .forEach(
            (k, v) -> {
              merged.put(k, v);
              origins.put(k, dotEnv.toString());
            });
    env.forEach(
        (k, v) -> {
          merged.put(k, v);
          origins.put(k, "environment");
        });
    return new ConfigSource(merged, origins);
  }

  /** The raw value, or empty when unset or blank (FastSchema treats an empty value as unset). */
  public Optional<String> raw(String env) {
    String v = values.get(env);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** Where a value came from, for error messages: "environment" or the .env file path. */
  public String origin(String env) {
    return origins.getOrDefault(env, "default");
  }

  /** All variable names present, for the unknown-variable warning. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** The minimal .env syntax godotenv accepts for FastSchema's generated files. */
  static final class DotEnvFile {
    private DotEnvFile() {}

    static Map<String, String> read(Path file) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : lines) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (t.startsWith("export ")) {
          t = t.substring("export ".length()).strip();
        }
        int eq = t.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = t.substring(0, eq).strip();
        String value = t.substring(eq + 1).strip();
        out.put(key, unquote(value));
      }
      return out;
    }

    private static String unquote(String v) {
      if (v.length() >= 2
          && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        return v.substring(1, v.length() - 1);
      }
      int hash = v.indexOf(" #");
      return hash >= 0 ? v.substring(0, hash).strip() : v;
    }
  }
}
