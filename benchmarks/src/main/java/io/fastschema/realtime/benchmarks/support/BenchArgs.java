package io.fastschema.realtime.benchmarks.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code key=value} arguments (a leading {@code --} allowed), falling back to the system property
 * {@code bench.<key>}, then to a default; the same convention as {@code CommitToClientLatency}.
 * Every problem names the key and the value given.
 */
public final class BenchArgs {

  private final Map<String, String> given;
  private final Properties system;

  private BenchArgs(Map<String, String> given, Properties system) {
    this.given = given;
    this.system = system;
  }

  /**
   * @throws IllegalArgumentException for an argument without '=' or with a key not in keys
   */
  public static BenchArgs parse(String[] args, Set<String> keys, Properties system) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      String plain = arg.startsWith("--") ? arg.substring(2) : arg;
      int eq = plain.indexOf('=');
      String key = eq < 0 ? plain : plain.substring(0, eq);
      if (eq < 0 || !keys.contains(key)) {
        throw new IllegalArgumentException(
            "unknown argument '" + arg + "' (known: " + String.join(", ", keys) + ")");
      }
      out.put(key, plain.substring(eq + 1));
    }
    return new BenchArgs(out, system);
  }

  public String text(String key, String fallback) {
    String value = given.get(key);
    return value != null ? value : system.getProperty("bench." + key, fallback);
  }

  public int integer(String key, int fallback, int min, int max) {
    return parseInt(key, text(key, Integer.toString(fallback)), min, max);
  }

  /** A comma-separated list of whole numbers, each within [min, max], at least one. */
  public List<Integer> integers(String key, String fallback, int min, int max) {
    String raw = text(key, fallback);
    List<Integer> out = new ArrayList<>();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        out.add(parseInt(key, part, min, max));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(key + " must list at least one number, was '" + raw + "'");
    }
    return out;
  }

  /** A comma-separated list of non-blank words, at least one. */
  public List<String> words(String key, String fallback) {
    String raw = text(key, fallback);
    List<String> out = new ArrayList<>();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(key + " must list at least one value, was '" + raw + "'");
    }
    return out;
  }

  /** A whole number within bounds (underscores allowed), or an error naming the key and value. */
  public static int parseInt(String key, String raw, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(raw.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " must be in " + min + ".." + max + ", was " + value);
    }
    return value;
  }
}
