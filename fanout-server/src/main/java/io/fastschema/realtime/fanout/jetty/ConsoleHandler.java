package io.fastschema.realtime.fanout.jetty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The live console at {@code GET /}: one static page shipped in the jar (plain HTML and JavaScript,
 * no build step) that subscribes from the browser like any client and shows the messages. It
 * carries no data and no token: a token is typed in, or given in the URL fragment ({@code
 * /#token=…}, which browsers never send to the server), as the standalone banner prints it.
 * Everything else goes to the next handler.
 */
final class ConsoleHandler extends Handler.Wrapper {

  private static final String PAGE = "console.html";

  /** The header's three numbers, in Prometheus text, without labels. */
  static final String STATS = "/console/stats";

  /**
   * The page may only talk to its own origin (WebSocket and /console/stats) and run its own inline
   * code.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          + "connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; "
          + "form-action 'none'; frame-ancestors 'none'";

  private final byte[] page;

  /** What the page's header shows, summed: no schema or topic name (those are on /metrics). */
  private final MeterRegistry meters;

  ConsoleHandler(Handler next, MeterRegistry meters) {
    super(next);
    this.meters = meters;
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE + " is missing from the jar");
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PAGE, e);
    }
  }

  /** Open connections, messages delivered so far, records behind Kafka (all topics summed). */
  String stats() {
    return "fanout_connections_open "
        + (long) sum(meters.find("fanout.connections.open").gauges())
        + "\nfanout_messages_delivered_total "
        + (long)
            meters.find("fanout.messages.delivered").counters().stream()
                .mapToDouble(Counter::count)
                .sum()
        + "\nfanout_kafka_lag_records "
        + (long) sum(meters.find("fanout.kafka.lag").gauges())
        + "\n";
  }

  private static double sum(java.util.Collection<Gauge> gauges) {
    return gauges.stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if ("GET".equals(request.getMethod()) && path.equals(STATS)) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      Content.Sink.write(response, true, stats(), callback);
      return true;
    }
    if (!"GET".equals(request.getMethod()) || !(path.equals("/") || path.equals("/console"))) {
      return super.handle(request, response, callback);
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.write(true, ByteBuffer.wrap(page), callback);
    return true;
  }
}
