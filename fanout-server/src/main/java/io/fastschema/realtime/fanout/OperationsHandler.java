package io.fastschema.realtime.fanout;

import io.fastschema.realtime.lifecycle.ReadinessProbe;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plain HTTP next to the WebSocket endpoint: {@code /healthz}, {@code /readyz} (200 once ready, 503
 * with the reason before), and 426 for a non-upgrade request to the realtime path, as FastSchema.
 */
final class OperationsHandler extends Handler.Abstract.NonBlocking {

  private final ReadinessProbe readiness;

  OperationsHandler(ReadinessProbe readiness) {
    this.readiness = readiness;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/healthz" -> write(response, callback, 200, "ok\n");
      case "/readyz" -> {
        String why = readiness.notReadyBecause();
        write(response, callback, why == null ? 200 : 503,
            why == null ? "ready\n" : "not ready: " + why + "\n");
      }
      default -> {
        if (!path.startsWith(FanoutServer.REALTIME_PATH)) {
          return false;
        }
        write(response, callback, 426, "Upgrade Required\n");
      }
    }
    return true;
  }

  private static void write(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, body, callback);
  }
}
