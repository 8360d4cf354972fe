package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error page writer, which also logs requests the HTTP parser refused (431 headers too
 * large, 414, 400): rate-limited to one line per {@link #INTERVAL} and cut to {@link
 * #MAX_TARGET_CHARS} characters of the target, without control characters (issue 13 item 8: a
 * refused request logged its whole URI, 8 MB of log per 1,000 requests). Counted in
 * fanout_http_bad_requests_total.
 */
final class BadRequestLog extends ErrorHandler {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  static final int MAX_TARGET_CHARS = 200;

  private final RateLimitedLog log =
      new RateLimitedLog(LoggerFactory.getLogger(BadRequestLog.class), INTERVAL, System::nanoTime);
  private final Counter badRequests;

  BadRequestLog(Counter badRequests) {
    this.badRequests = badRequests;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
      badRequests.increment();
      log.warn(
          "Refused a request from "
              + Request.getRemoteAddr(request)
              + ": "
              + refusal.getCode()
              + " "
              + cut(refusal.getReason())
              + ", target "
              + cut(String.valueOf(request.getHttpURI())));
    }
    return super.handle(request, response, callback);
  }

  static String cut(String text) {
    String clean = CloseReason.withoutControlCharacters(String.valueOf(text));
    return clean.length() <= MAX_TARGET_CHARS
        ? clean
        : clean.substring(0, MAX_TARGET_CHARS) + "... (" + clean.length() + " chars)";
  }
}
