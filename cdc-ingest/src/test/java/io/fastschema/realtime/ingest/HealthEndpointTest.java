package io.fastschema.realtime.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metrics_servesIngestMetersAsPrometheusText() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestStats stats = new IngestStats();
    IngestMetrics.bind(stats, () -> IngestService.State.STREAMING, registry);
    stats.published(3);
    stats.captureLag(250);
    try (HealthEndpoint health = HealthEndpoint.start(0, () -> null, registry)) {
      HttpResponse<String> r = get(health, "/metrics");
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = r.body();
      assertTrue(body.contains("# TYPE ingest_events_published_total counter"), body);
      assertTrue(body.contains("\ningest_events_published_total 3.0\n"), body);
      assertTrue(body.contains("ingest_state{state=\"streaming\"} 1.0"), body);
      assertTrue(body.contains("ingest_state{state=\"retrying\"} 0.0"), body);
      assertTrue(body.contains("ingest_capture_lag_seconds 0.25"), body);
      assertTrue(body.contains("ingest_engine_restarts_total 0.0"), body);
    }
  }

  @Test
  void metrics_isNotFoundWithoutRegistry() throws Exception {
    try (HealthEndpoint health = HealthEndpoint.start(0, () -> null)) {
      assertEquals(404, get(health, "/metrics").statusCode());
      assertEquals(200, get(health, "/healthz").statusCode());
    }
  }

  private HttpResponse<String> get(HealthEndpoint health, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
