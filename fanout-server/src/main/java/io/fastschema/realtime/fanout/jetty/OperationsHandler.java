package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.lifecycle.ReadinessProbe;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plain HTTP next to the WebSocket endpoint: {@code /healthz}, {@code /readyz} (200 once ready, 503
 * with the reason before), {@code /metrics} (Prometheus text format; management port only), and 426
 * for a non-upgrade request to the realtime path, as FastSchema.
 */
final class OperationsHandler extends Handler.Abstract.NonBlocking {

  /**
   * Prometheus text exposition format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes.
   */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ReadinessProbe readiness;

  /** What {@code /metrics} serves; null on the public port, which has no {@code /metrics}. */
  private final PrometheusMeterRegistry metrics;

  /** The WebSocket endpoint's path: plain HTTP to it is answered 426. */
  private final String realtimePath;

  OperationsHandler(
      ReadinessProbe readiness, PrometheusMeterRegistry metrics, String realtimePath) {
    this.readiness = readiness;
    this.metrics = metrics;
    this.realtimePath = realtimePath;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/healthz" -> write(response, callback, 200, "ok\n");
      case "/readyz" -> {
        String why = readiness.notReadyBecause();
        write(
            response,
            callback,
            why == null ? 200 : 503,
            why == null ? "ready\n" : "not ready: " + why + "\n");
      }
      case "/metrics" -> {
        if (metrics == null) {
          return false;
        }
        write(response, callback, 200, PROMETHEUS_TEXT, metrics.scrape());
      }
      default -> {
        if (!path.startsWith(realtimePath)) {
          return false;
        }
        write(response, callback, 426, "Upgrade Required\n");
      }
    }
    return true;
  }

  private static void write(Response response, Callback callback, int status, String body) {
    write(response, callback, status, "text/plain; charset=utf-8", body);
  }

  private static void write(
      Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    Content.Sink.write(response, true, body, callback);
  }
}
