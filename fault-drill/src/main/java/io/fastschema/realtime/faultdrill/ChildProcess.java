package io.fastschema.realtime.faultdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the drill started (an ingest, a fanout node, the Kafka broker), its output in a log file.
 * {@link #kill9()} is a real {@code SIGKILL}: no shutdown hook, no flush, no goodbye to Kafka or
 * PostgreSQL. Not thread-safe.
 */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with the drill's environment minus every variable the services read (so
   * nothing of the caller's shell leaks in), plus {@code environment}; output to {@code
   * <logDirectory>/<name>.log}, appended, so a relaunched node keeps one log.
   */
  static ChildProcess launch(
      String name, List<String> command, Map<String, String> environment, Path logDirectory) {
    Path log = logDirectory.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(
            key ->
                key.startsWith("DB_")
                    || key.startsWith("INGEST_")
                    || key.startsWith("REALTIME_")
                    || key.startsWith("KAFKA_")
                    || key.equals("APP_KEY")
                    || key.equals("FASTSCHEMA_DIR"));
    builder.environment().putAll(environment);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new ChildProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  /** {@code java -Xmx<heap> -XX:+UseSerialGC -jar <jar>}, with the JDK running the drill. */
  static List<String> javaJar(Path jar, String heap) {
    return List.of(javaExecutable(), "-Xmx" + heap, "-XX:+UseSerialGC", "-jar", jar.toString());
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** SIGKILL, then waits until the process is gone (the OS has closed its sockets). */
  void kill9() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** The last {@code lines} lines of the log, for error messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e + ")";
    }
  }

  /** Whether the log holds {@code text} (a start-up marker, say). */
  boolean logContains(String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
  }

  private void awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name + " (pid " + pid() + ") still alive " + limit + " after the signal");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name + " to exit", e);
    }
  }

  /** SIGTERM (the process's own shutdown), SIGKILL after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + "[pid " + pid() + (isAlive() ? "" : ", exited " + process.exitValue()) + "]";
  }
}
