package io.fastschema.realtime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus sample names that the code's Micrometer meters produce, found by reading the
 * sources of the modules that define meters (whatever package a class moves to), and named as
 * Micrometer's Prometheus registry names them: dots become underscores, the base unit is appended
 * ({@code _seconds} for timers), counters end in {@code _total}, timers also give {@code _count},
 * {@code _sum}, {@code _max} and, with a histogram, {@code _bucket}.
 */
final class MeterNames {

  private static final Pattern BUILDER =
      Pattern.compile(
          "\\b(Counter|FunctionCounter|Gauge|TimeGauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([a-z0-9_.]+)\"");
  private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([a-z]+)\"");

  private MeterNames() {}

  static Set<String> definedIn(Path... sourceRoots) {
    Set<String> names = new TreeSet<>();
    for (Path root : sourceRoots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          names.addAll(inSource(Files.readString(f)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  static Set<String> inSource(String java) {
    Set<String> names = new TreeSet<>();
    Matcher m = BUILDER.matcher(java);
    while (m.find()) {
      String type = m.group(1);
      String base = m.group(2).replace('.', '_');
      int end = java.indexOf(".register(", m.end());
      String chain = end < 0 ? "" : java.substring(m.end(), end);
      Matcher unit = BASE_UNIT.matcher(chain);
      if (type.equals("Timer") || type.equals("TimeGauge")) {
        base += "_seconds";
      } else if (unit.find()) {
        base += "_" + unit.group(1);
      }
      switch (type) {
        case "Counter", "FunctionCounter" -> names.add(base + "_total");
        case "Timer", "DistributionSummary" -> {
          names.add(base + "_count");
          names.add(base + "_sum");
          names.add(base + "_max");
          names.add(base + "_bucket");
        }
        default -> names.add(base);
      }
    }
    return names;
  }
}
