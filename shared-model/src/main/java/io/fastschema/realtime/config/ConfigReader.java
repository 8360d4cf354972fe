package io.fastschema.realtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads settings from a {@link ConfigSource}, collecting every problem instead of failing at the
 * first, so that an operator fixes all of them in one round. Call {@link #finish()} once all values
 * were read: it throws one {@link InvalidConfigurationException} listing every problem.
 *
 * <p>Not thread-safe: one reader per start-up.
 */
public final class ConfigReader {

  private final ConfigSource source;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(ConfigSource source) {
    this.source = source;
  }

  public ConfigSource source() {
    return source;
  }

  /**
   * The value, else the default; a value that does not parse is a problem (returns the default).
   */
  public <T> T get(Setting<T> setting) {
    return optional(setting).or(setting::defaultValue).orElse(null);
  }

  /** The value if set; a value that does not parse is a problem. The default is not applied. */
  public <T> Optional<T> optional(Setting<T> setting) {
    Optional<String> raw = source.raw(setting.env());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(setting.parse(raw.get()));
    } catch (IllegalArgumentException e) {
      // A secret's value must not reach a log, even when it is wrong.
      String why = setting.secret() ? "invalid value (not shown: secret)" : e.getMessage();
      problems.add(setting.env() + " (from " + source.origin(setting.env()) + "): " + why);
      return Optional.empty();
    }
  }

  /** The value, else the default, else a "required" problem naming why it is needed. */
  public <T> T required(Setting<T> setting, String why) {
    T value = get(setting);
    if (value == null && source.raw(setting.env()).isEmpty()) {
      problems.add(setting.env() + ": required " + why);
    }
    return value;
  }

  /** Records a problem that concerns several settings together. */
  public void problem(String text) {
    problems.add(text);
  }

  public boolean isSet(Setting<?> setting) {
    return source.raw(setting.env()).isPresent();
  }

  /**
   * Variables that look like ours (by prefix) but match no definition: most likely typos, which
   * would otherwise fall back to a default without a word.
   */
  public List<String> unknownVariables(List<Setting<?>> known, List<String> prefixes) {
    java.util.Set<String> names = new java.util.HashSet<>();
    known.forEach(s -> names.add(s.env()));
    List<String> unknown = new ArrayList<>();
    for (String name : source.names()) {
      if (!names.contains(name) && prefixes.stream().anyMatch(name::startsWith)) {
        unknown.add(name);
      }
    }
    java.util.Collections.sort(unknown);
    return unknown;
  }

  /** Throws when any problem was recorded. */
  public void finish() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }
}
