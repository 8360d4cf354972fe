package io.fastschema.realtime.faultdrill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET http://127.0.0.1:<port><path>} for health checks: the status and body, or why none.
 */
record HttpStatus(int code, String body) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static HttpStatus get(int port, String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new HttpStatus(response.statusCode(), response.body().strip());
    } catch (IOException e) {
      return new HttpStatus(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HttpStatus(-1, "interrupted");
    }
  }

  boolean ok() {
    return code == 200;
  }

  /**
   * Polls {@code /readyz} until 200; fails when {@code process} dies or the limit passes, with the
   * last answer and the process's log tail.
   */
  static void awaitReady(ChildProcess process, int port, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpStatus last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            process + " exited before ready; log tail:\n" + process.logTail(40));
      }
      last = get(port, "/readyz");
      if (last.ok()) {
        return;
      }
      Sleep.millis(100);
    }
    throw new IllegalStateException(
        process
            + " not ready on port "
            + port
            + " after "
            + limit
            + " (last /readyz: "
            + last
            + "); log tail:\n"
            + process.logTail(40));
  }
}
