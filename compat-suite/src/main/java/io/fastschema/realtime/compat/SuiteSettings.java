package io.fastschema.realtime.compat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the stack under test is: its WebSocket base ({@code ws://host:port}), a JDBC URL of its
 * application database carrying user and password, and its {@code APP_KEY}.
 *
 * @param wsBase scheme, host and port of the realtime endpoint, no path, e.g. {@code
 *     ws://localhost:8080}
 * @param jdbcUrl e.g. {@code jdbc:postgresql://localhost:5432/fastschema?user=u&password=p}
 * @param appKey the key access tokens are HMAC-signed with
 */
public record SuiteSettings(URI wsBase, String jdbcUrl, String appKey) {

  static final String USAGE =
      "usage: CompatibilitySuite --ws-base ws://host:port "
          + "--jdbc '<jdbc url with user and password>' --app-key <key>\n"
          + "  (or the environment variables COMPAT_WS_BASE, COMPAT_JDBC_URL, APP_KEY)";

  public SuiteSettings {
    String scheme = wsBase.getScheme() == null ? "" : wsBase.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException(
          "--ws-base must start with ws:// or wss://, was " + wsBase);
    }
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("--jdbc must be a JDBC URL (jdbc:postgresql://...)");
    }
  }

  /**
   * Reads {@code --ws-base}, {@code --jdbc} and {@code --app-key} (also as {@code --name=value}),
   * each falling back to its environment variable.
   *
   * @throws IllegalArgumentException naming every missing or malformed setting
   */
  public static SuiteSettings parse(String[] args, Map<String, String> env) {
    String ws = env.get("COMPAT_WS_BASE");
    String jdbc = env.get("COMPAT_JDBC_URL");
    String key = env.get("APP_KEY");
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        problems.add(arg + " needs a value");
        continue;
      }
      switch (name) {
        case "--ws-base" -> ws = value;
        case "--jdbc" -> jdbc = value;
        case "--app-key" -> key = value;
        default -> problems.add("unknown argument " + name);
      }
    }
    if (isBlank(ws)) {
      problems.add("--ws-base (COMPAT_WS_BASE) is missing");
    }
    if (isBlank(jdbc)) {
      problems.add("--jdbc (COMPAT_JDBC_URL) is missing");
    }
    if (isBlank(key)) {
      problems.add("--app-key (APP_KEY) is missing");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
    }
    String base = ws.endsWith("/") ? ws.substring(0, ws.length() - 1) : ws;
    return new SuiteSettings(URI.create(base), jdbc, key);
  }

  /** The same host and port over plain HTTP(S), for requests without an upgrade. */
  public URI httpBase() {
    String scheme = wsBase.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
    return URI.create(scheme + wsBase.toString().substring(wsBase.getScheme().length()));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "SuiteSettings["
        + wsBase
        + ", "
        + jdbcUrl.replaceAll("password=[^&]*", "password=****")
        + ", appKey=****]";
  }
}
