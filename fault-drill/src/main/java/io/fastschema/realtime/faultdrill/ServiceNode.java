package io.fastschema.realtime.faultdrill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One cdc-ingest or fanout-server process: its runnable jar, its environment and the port that
 * answers {@code /readyz} ({@code INGEST_HEALTH_PORT} or {@code REALTIME_PORT}). Can be killed and
 * launched again with the same environment (same ports). Not thread-safe.
 */
final class ServiceNode implements AutoCloseable {

  private final String name;
  private final Path jar;
  private final Map<String, String> environment;
  private final int port;
  private final Path logDirectory;
  private ChildProcess process;

  ServiceNode(String name, Path jar, Map<String, String> environment, int port, Path logDirectory) {
    this.name = name;
    this.jar = jar;
    this.environment = Map.copyOf(environment);
    this.port = port;
    this.logDirectory = logDirectory;
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  ChildProcess process() {
    return process;
  }

  void launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already: " + process);
    }
    process =
        ChildProcess.launch(name, ChildProcess.javaJar(jar, "256m"), environment, logDirectory);
  }

  void awaitReady(Duration limit) {
    HttpStatus.awaitReady(process, port, limit);
  }

  /** The {@code /readyz} answer now (503 "not ready: ingest is STANDBY" for a standby ingest). */
  HttpStatus readiness() {
    return HttpStatus.get(port, "/readyz");
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  void kill9() {
    process.kill9();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  @Override
  public String toString() {
    return name + (process == null ? "[not started]" : "[" + process + ", port " + port + "]");
  }
}
