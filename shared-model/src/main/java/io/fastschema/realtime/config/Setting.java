package io.fastschema.realtime.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one definition of a configuration key: its environment variable, type, default, documentation
 * and validation. Every process reads its configuration through these definitions only, and the
 * README's configuration reference is generated from them, so a default is never written twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the parsed value type
 */
public final class Setting<T> {

  /** How often an operator needs the key, in HikariCP's manner: it orders the reference. */
  public enum Tier {
    ESSENTIAL,
    FREQUENT,
    RARE
  }

  private final String env;
  private final String doc;
  private final T defaultValue;
  private final boolean secret;
  private final Tier tier;
  private final String typeName;
  private final Function<String, T> parser;

  private Setting(Builder<T> b) {
    this.env = Objects.requireNonNull(b.env, "env");
    this.doc = Objects.requireNonNull(b.doc, "doc of " + b.env);
    this.defaultValue = b.defaultValue;
    this.secret = b.secret;
    this.tier = b.tier;
    this.typeName = b.typeName;
    this.parser = b.parser;
  }

  /** A free-text value; blank counts as absent. */
  public static Builder<String> string(String env) {
    return new Builder<>(env, "string", raw -> raw);
  }

  /** A whole number within [min, max]. */
  public static Builder<Integer> integer(String env, int min, int max) {
    return new Builder<>(
        env,
        "integer " + min + ".." + max,
        raw -> {
          int value;
          try {
            value = Integer.parseInt(raw.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, was '" + raw + "'");
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException(
                "must be between " + min + " and " + max + ", was " + value);
          }
          return value;
        });
  }

  /** A TCP port; 0 asks the operating system for a free one. */
  public static Builder<Integer> port(String env) {
    return integer(env, 0, 65535);
  }

  /** {@code true} or {@code false}, nothing else, so that a typo is an error rather than false. */
  public static Builder<Boolean> bool(String env) {
    return new Builder<>(
        env,
        "true|false",
        raw -> {
          String v = raw.trim().toLowerCase(java.util.Locale.ROOT);
          if (v.equals("true")) {
            return Boolean.TRUE;
          }
          if (v.equals("false")) {
            return Boolean.FALSE;
          }
          throw new IllegalArgumentException("must be true or false, was '" + raw + "'");
        });
  }

  /** One of a fixed set of words. */
  public static Builder<String> oneOf(String env, String... allowed) {
    java.util.List<String> words = java.util.List.of(allowed);
    return new Builder<>(
        env,
        String.join("|", words),
        raw -> {
          if (!words.contains(raw.trim())) {
            throw new IllegalArgumentException("must be one of " + words + ", was '" + raw + "'");
          }
          return raw.trim();
        });
  }

  public String env() {
    return env;
  }

  public String doc() {
    return doc;
  }

  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public boolean secret() {
    return secret;
  }

  public Tier tier() {
    return tier;
  }

  public String typeName() {
    return typeName;
  }

  /** Parses a raw value; throws {@link IllegalArgumentException} with a message naming the rule. */
  T parse(String raw) {
    return parser.apply(raw);
  }

  @Override
  public String toString() {
    return env;
  }

  /** Collects one key's definition. */
  public static final class Builder<T> {
    private final String env;
    private final String typeName;
    private Function<String, T> parser;
    private String doc;
    private T defaultValue;
    private boolean secret;
    private Tier tier = Tier.FREQUENT;

    private Builder(String env, String typeName, Function<String, T> parser) {
      this.env = env;
      this.typeName = typeName;
      this.parser = parser;
    }

    public Builder<T> doc(String doc) {
      this.doc = doc;
      return this;
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    public Builder<T> tier(Tier tier) {
      this.tier = tier;
      return this;
    }

    /** Adds a check after parsing; the function returns a problem text or null when fine. */
    public Builder<T> check(Function<T, String> rule) {
      Function<String, T> base = parser;
      this.parser =
          raw -> {
            T value = base.apply(raw);
            String problem = rule.apply(value);
            if (problem != null) {
              throw new IllegalArgumentException(problem);
            }
            return value;
          };
      return this;
    }

    public Setting<T> build() {
      return new Setting<>(this);
    }
  }
}
