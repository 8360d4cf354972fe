package io.fastschema.realtime.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /healthz} (the process is up), {@code /readyz} (200 once streaming, 503 with the reason
 * before) and {@code /metrics} (Prometheus text format) for the separate ingest process, on the
 * JDK's HTTP server: ingest has no web stack.
 */
public final class HealthEndpoint implements AutoCloseable {

  private final HttpServer server;

  private HealthEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Prometheus text exposition format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes.
   */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** Without {@code /metrics}. */
  public static HealthEndpoint start(int port, ReadinessProbe readiness) throws IOException {
    return start(port, readiness, null);
  }

  /**
   * @param metrics served at {@code /metrics}; null for none (404)
   */
  public static HealthEndpoint start(
      int port, ReadinessProbe readiness, PrometheusMeterRegistry metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    if (metrics != null) {
      server.createContext("/metrics", ex -> respond(ex, 200, PROMETHEUS_TEXT, metrics.scrape()));
    }
    server.createContext("/healthz", ex -> respond(ex, 200, "ok\n"));
    server.createContext(
        "/readyz",
        ex -> {
          String why = readiness.notReadyBecause();
          respond(
              ex, why == null ? 200 : 503, why == null ? "ready\n" : "not ready: " + why + "\n");
        });
    server.start();
    return new HealthEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    respond(ex, status, "text/plain; charset=utf-8", body);
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
