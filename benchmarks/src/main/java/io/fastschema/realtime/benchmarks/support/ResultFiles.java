package io.fastschema.realtime.benchmarks.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where result JSON goes, and how it is written (indented, as the latency benchmark does). */
public final class ResultFiles {

  private ResultFiles() {}

  /**
   * {@code <module>/target/results} next to the jar or classes {@code anchor} was loaded from, so
   * the result lands in the same place whatever the working directory; {@code
   * benchmarks/target/results} otherwise.
   */
  public static Path defaultDir(Class<?> anchor) {
    try {
      Path code = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path parent = code.getParent();
      if (parent != null
          && parent.getFileName() != null
          && parent.getFileName().toString().equals("target")) {
        return parent.resolve("results");
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through: an unusual class loader; the working-directory default is fine
    }
    return Path.of("benchmarks", "target", "results");
  }

  /**
   * Writes {@code json} as {@code dir/fileName} (directory created if needed); returns the file.
   */
  public static Path write(Path dir, String fileName, Map<String, Object> json) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(file, mapper.writeValueAsString(json) + "\n");
    return file;
  }

  /**
   * Keeps slf4j-simple at WARN (Kafka, Debezium and Jetty log hundreds of INFO lines) and the given
   * package at INFO, unless system properties say otherwise. Must run before the first logger is
   * created.
   */
  public static void quietLoggingUnlessConfigured(String ourPackage) {
    String prefix = "org.slf4j.simpleLogger.";
    if (System.getProperty(prefix + "defaultLogLevel") == null) {
      System.setProperty(prefix + "defaultLogLevel", "warn");
    }
    String ours = prefix + "log." + ourPackage;
    if (System.getProperty(ours) == null) {
      System.setProperty(ours, "info");
    }
  }
}
