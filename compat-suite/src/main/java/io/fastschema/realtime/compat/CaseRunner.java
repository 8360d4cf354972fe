package io.fastschema.realtime.compat;

import io.fastschema.realtime.client.Handshake.RefusedException;
import io.fastschema.realtime.compat.CompatCase.Close;
import io.fastschema.realtime.compat.CompatCase.Expectation;
import io.fastschema.realtime.compat.CompatCase.Handshake;
import io.fastschema.realtime.compat.CompatCase.HttpStatus;
import io.fastschema.realtime.compat.CompatCase.SetupStatement;
import io.fastschema.realtime.compat.RealtimeConnection.CloseStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Runs one case against the stack: setup SQL, the handshake, the expectation, then the steps on an
 * accepted connection. Throws {@link CaseFailure} saying what the stack did instead. Leaves the
 * clean-up to the caller, which also runs it when a case times out.
 *
 * <p>Not thread-safe: one case at a time.
 */
final class CaseRunner {

  /** How long an accepted connection must stay open to count as accepted. */
  static final Duration OPEN_GRACE = Duration.ofMillis(200);

  /** How long access changes get to reach the node (they travel through the change log). */
  static final Duration ACCESS_PROPAGATION = Duration.ofSeconds(5);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

  private final SuiteSettings settings;
  private final AppDatabase db;
  private final RealtimeClient client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  CaseRunner(SuiteSettings settings, AppDatabase db, RealtimeClient client) {
    this.settings = settings;
    this.db = db;
    this.client = client;
  }

  void run(CompatCase c, CaseScope scope) throws Exception {
    for (SetupStatement s : c.setup()) {
      String value = db.execute(scope.resolve(s.sql()));
      if (s.capture() != null) {
        if (value == null) {
          throw new CaseFailure("setup statement returned no row to capture: " + s.sql());
        }
        scope.capture(s.capture(), value);
      }
    }
    if (c.awaitAllowed() != null) {
      // Accepted: the setup's access changes have reached the node.
      connectUntilOpen(c.awaitAllowed(), scope, "setup").close();
    }
    Handshake h = c.handshake();
    Expectation expect = c.expect();
    if (h.plainHttp()) {
      expectHttpStatus(h, scope, expect);
      return;
    }
    try (RealtimeConnection connection =
        h.retryUntilOpen() ? connectUntilOpen(h, scope, "handshake") : connect(h, scope, expect)) {
      checkSubprotocol(expect, connection);
      if (expect instanceof Close close) {
        expectClose(connection, close);
        return;
      }
      CloseStatus early = connection.awaitClose(OPEN_GRACE);
      if (early != null) {
        throw new CaseFailure("closed with " + early + " instead of staying open");
      }
      new StepRunner(db, connection, scope).run(c.steps());
    }
  }

  private RealtimeConnection connect(Handshake h, CaseScope scope, Expectation expect)
      throws Exception {
    try {
      return client.connect(
          uri(h, scope), headers(h, scope), scope.resolve(h.subprotocols()), CONNECT_TIMEOUT);
    } catch (RefusedException e) {
      throw new CaseFailure(
          "upgrade refused with HTTP "
              + e.status()
              + " (expected "
              + describe(expect)
              + " after a 101)");
    }
  }

  /** Retries until a handshake stays open: access changes reach the node asynchronously. */
  private RealtimeConnection connectUntilOpen(Handshake h, CaseScope scope, String what)
      throws Exception {
    long deadline = System.nanoTime() + ACCESS_PROPAGATION.toNanos();
    String last = "nothing";
    int attempts = 0;
    while (System.nanoTime() < deadline) {
      attempts++;
      RealtimeConnection connection;
      try {
        connection =
            client.connect(
                uri(h, scope), headers(h, scope), scope.resolve(h.subprotocols()), CONNECT_TIMEOUT);
      } catch (RefusedException e) {
        last = "HTTP " + e.status();
        Thread.sleep(100);
        continue;
      }
      CloseStatus closed = connection.awaitClose(OPEN_GRACE);
      if (closed == null) {
        return connection;
      }
      last = "close " + closed;
      connection.close();
      Thread.sleep(100);
    }
    throw new CaseFailure(
        what
            + " never accepted within "
            + ACCESS_PROPAGATION.toSeconds()
            + " s ("
            + attempts
            + " attempts; last: "
            + last
            + ")");
  }

  private static void expectClose(RealtimeConnection connection, Close close) throws Exception {
    CloseStatus got = connection.awaitClose(CLOSE_WAIT);
    if (got == null) {
      throw new CaseFailure(
          "still open after "
              + CLOSE_WAIT.toSeconds()
              + " s; expected close "
              + describe(close)
              + "; messages: "
              + connection.pending());
    }
    boolean reasonOk =
        close.reason() != null
            ? close.reason().equals(got.reason())
            : got.reason().startsWith(close.reasonPrefix());
    if (got.code() != close.code() || !reasonOk) {
      throw new CaseFailure("closed with " + got + " instead of " + describe(close));
    }
  }

  private static void checkSubprotocol(Expectation expect, RealtimeConnection connection)
      throws CaseFailure {
    String want = expect.subprotocol();
    if (want != null && !want.equals(connection.negotiatedSubprotocol())) {
      throw new CaseFailure(
          "negotiated subprotocol '"
              + connection.negotiatedSubprotocol()
              + "' instead of '"
              + want
              + "'");
    }
  }

  private void expectHttpStatus(Handshake h, CaseScope scope, Expectation expect) throws Exception {
    if (!(expect instanceof HttpStatus status)) {
      throw new CaseFailure("a plain_http handshake can only expect an http_status");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(settings.httpBase() + pathAndQuery(h, scope)))
            .timeout(CONNECT_TIMEOUT);
    headers(h, scope).forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status.status()) {
      throw new CaseFailure("HTTP " + response.statusCode() + " instead of " + status.status());
    }
  }

  private URI uri(Handshake h, CaseScope scope) {
    return URI.create(settings.wsBase() + pathAndQuery(h, scope));
  }

  private static String pathAndQuery(Handshake h, CaseScope scope) {
    StringJoiner query = new StringJoiner("&");
    if (!h.query().isEmpty()) {
      query.add(scope.resolve(h.query()));
    }
    for (Map.Entry<String, String> p : h.params()) {
      query.add(encode(p.getKey()) + "=" + encode(scope.resolve(p.getValue())));
    }
    String q = query.toString();
    return scope.resolve(h.path()) + (q.isEmpty() ? "" : "?" + q);
  }

  private static Map<String, String> headers(Handshake h, CaseScope scope) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!h.token().equals("none")) {
      out.put("Authorization", "Bearer " + scope.token(h.token()));
    }
    h.headers().forEach((k, v) -> out.put(k, scope.resolve(v)));
    if (!h.cookies().isEmpty()) {
      StringJoiner cookie = new StringJoiner("; ");
      h.cookies().forEach((k, v) -> cookie.add(k + "=" + scope.resolve(v)));
      out.put("Cookie", cookie.toString());
    }
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String describe(Expectation e) {
    if (e instanceof Close c) {
      return c.code() + " '" + (c.reason() != null ? c.reason() : c.reasonPrefix() + "…") + "'";
    }
    return e instanceof HttpStatus s ? "HTTP " + s.status() : "an open connection";
  }

  /** Runs the steps of one accepted connection. */
  private static final class StepRunner {
    private final AppDatabase db;
    private final RealtimeConnection connection;
    private final CaseScope scope;

    StepRunner(AppDatabase db, RealtimeConnection connection, CaseScope scope) {
      this.db = db;
      this.connection = connection;
      this.scope = scope;
    }

    void run(Iterable<Step> steps) throws Exception {
      int n = 0;
      for (Step step : steps) {
        n++;
        try {
          run(step);
        } catch (CaseFailure f) {
          throw new CaseFailure("step " + n + ": " + f.getMessage());
        }
      }
    }

    private void run(Step step) throws Exception {
      if (step instanceof Step.Sql s) {
        for (String sql : s.statements()) {
          db.execute(scope.resolve(sql));
        }
      } else if (step instanceof Step.Transaction t) {
        transaction(t);
      } else if (step instanceof Step.SendText t) {
        connection.sendText(scope.resolve(t.text()));
      } else if (step instanceof Step.SendBinary b) {
        connection.sendBinary(scope.resolve(b.text()).getBytes(StandardCharsets.UTF_8));
      } else if (step instanceof Step.AwaitMessage m) {
        awaitMessage(m);
      } else if (step instanceof Step.Quiet q) {
        quiet(q.ms(), "");
      } else if (step instanceof Step.AwaitClose c) {
        awaitClose(c);
      } else {
        throw new IllegalStateException("unknown step " + step);
      }
    }

    private void transaction(Step.Transaction t) throws Exception {
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          for (String sql : t.statements()) {
            st.execute(scope.resolve(sql));
          }
        }
        if (t.quietBeforeEndMs() > 0) {
          quiet(t.quietBeforeEndMs(), " before the transaction ended");
        }
        if (t.commit()) {
          c.commit();
        } else {
          c.rollback();
        }
      }
    }

    private void awaitMessage(Step.AwaitMessage m) throws Exception {
      String got = connection.poll(this::isOurs, Duration.ofMillis(m.withinMs()));
      if (got == null) {
        CloseStatus closed = connection.closeStatus();
        throw new CaseFailure(
            "no message within "
                + m.withinMs()
                + " ms"
                + (closed == null ? "" : "; connection closed with " + closed));
      }
      var mismatch = m.expected().resolve(scope::resolve).mismatch(got);
      if (mismatch.isPresent()) {
        throw new CaseFailure(mismatch.get());
      }
    }

    private void quiet(int ms, String when) throws Exception {
      String got = connection.poll(this::isOurs, Duration.ofMillis(ms));
      if (got != null) {
        throw new CaseFailure(
            "unexpected message"
                + when
                + ": "
                + (got.length() > 300 ? got.substring(0, 300) + "…" : got));
      }
    }

    private void awaitClose(Step.AwaitClose c) throws Exception {
      CloseStatus got = connection.awaitClose(Duration.ofMillis(c.withinMs()));
      if (got == null) {
        throw new CaseFailure(
            "still open after "
                + c.withinMs()
                + " ms; expected close "
                + c.code()
                + " '"
                + c.reason()
                + "'");
      }
      if (got.code() != c.code() || (c.reason() != null && !got.reason().equals(c.reason()))) {
        throw new CaseFailure(
            "closed with " + got + " instead of " + c.code() + " '" + c.reason() + "'");
      }
    }

    /** A message belongs to the case when it carries the case's marker. */
    private boolean isOurs(String message) {
      return message.contains(scope.marker());
    }
  }
}
