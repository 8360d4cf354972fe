package io.fastschema.realtime.fanout.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
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

  /**
   * The page may only talk to its own origin (WebSocket and /metrics) and run its own inline code.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          + "connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; "
          + "form-action 'none'; frame-ancestors 'none'";

  private final byte[] page;

  ConsoleHandler(Handler next) {
    super(next);
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE + " is missing from the jar");
      }
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PAGE, e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
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
