package io.fastschema.realtime.attack;

import io.fastschema.realtime.attack.Attack.Observation;
import io.fastschema.realtime.fanout.stream.CursorKey;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import io.fastschema.realtime.testing.RawHttpRequest;
import io.fastschema.realtime.testing.SlowHeaderClient;
import io.fastschema.realtime.testing.StalledClientSocket;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attacks of issue 13, each as an outsider with a valid root token would run it against the
 * node's public port (the management port only to read what the node counted), with the bound the
 * node must keep. In the order of the items.
 */
final class Attacks {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern CURSOR = Pattern.compile("\"cursor\":\"([^\"]+)\"");

  private Attacks() {}

  static List<Attack> all() {
    return List.of(
        new Attack(
            "1 echo flood: 40 connections that never read send 60 KB frames",
            "each closed 4008 and dropped; node queue ≤ REALTIME_NODE_MAX_QUEUE_MB",
            Attacks::echoFlood),
        new Attack(
            "2 `$like` `%`+`a`×7000+`b` and `%`+`_`×7000+`b`",
            "refused at connect with 4400 (patterns ≤ 1,024 chars)", Attacks::likePatterns),
        new Attack(
            "3 forged cursor at offset 0 (signed with a guessed key)",
            "4400, nothing replayed",
            Attacks::forgedCursor),
        new Attack(
            "4 replay starvation: 4 resuming connections that never read hold every replay slot",
            "a normal resume gets all 800 missed rows (16 KB each) in < 30 s (REALTIME_REPLAY_STALL_MS 2 s)",
            Attacks::replayStarvation),
        new Attack(
            "5 300 concurrent `since=now` handshakes (a consumer stall is not reachable from "
                + "outside: `ResumeContract` holds the thread)",
            "/readyz answers in < 1 s throughout",
            Attacks::sinceNowStorm),
        new Attack(
            "6 cursors naming 0, 2, 2,000 partitions of a 1-partition topic",
            "4400 naming the count",
            Attacks::cursorPartitions),
        new Attack(
            "7 closed with 4008, keeps sending",
            "dropped ≤ REALTIME_CLOSE_TIMEOUT_MS (5 s) + 1 s sweep after its 4008: < 8 s from the first frame",
            Attacks::closeThenKeepSending),
        new Attack(
            "7 slow headers: one header line every 5 s",
            "closed at REALTIME_HANDSHAKE_TIMEOUT_MS (10 s) + sweep (≤ 1 s): < 13 s",
            Attacks::slowHeaders),
        new Attack(
            "7 connection flood: 400 silent sockets (REALTIME_MAX_CONNECTIONS=400)",
            "handshakes answered 503 + Retry-After; silent sockets closed at 10 s; then accepted",
            Attacks::connectionFlood),
        new Attack(
            "8 `/metrics`, `/%6detrics` on the public port; `Server` header",
            "404 without meter names; no `Server` header", Attacks::metricsExposure),
        new Attack(
            "8 1,000 requests with 9 KB of headers",
            "431; ≤ 2 log lines, each < 600 chars",
            Attacks::oversizedHeaders),
        new Attack(
            "9 subscribe to `schema=session`, a session row with `otp_hash` is written",
            "the message has no `otp_hash`",
            Attacks::otpHash),
        new Attack("9 cookie token with a foreign `Origin`", "closed 4403", Attacks::foreignOrigin),
        new Attack(
            "7 offer extensions: `fragment; maxLength=1`, `permessage-deflate`, `@frame-capture`",
            "none negotiated; each change one whole uncompressed text frame",
            Attacks::extensionOffers),
        new Attack(
            "10 CR, LF, NUL in the query, echoed in the close reason",
            "reason without control characters",
            Attacks::controlCharacters));
  }

  static Observation echoFlood(AttackStack s) throws Exception {
    int clients = 40;
    double closesBefore = s.meter("fanout.slow.consumer.closes");
    double reapedBefore = s.meter("fanout.connections.reaped");
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    try {
      List<Future<StalledClientSocket.Sending>> sent = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        sent.add(
            pool.submit(
                () -> {
                  try (StalledClientSocket c =
                      StalledClientSocket.open(
                          s.port(), s.realtimePath("schema=blog"), s.token())) {
                    // Longer than WAIT: 40 senders on a busy machine reach their 4008 late.
                    return c.sendUntilDropped("x".repeat(60_000), Duration.ofSeconds(60));
                  }
                }));
      }
      double maxQueue = 0;
      while (!sent.stream().allMatch(Future::isDone)) {
        maxQueue = Math.max(maxQueue, s.meter("fanout.node.queue.bytes"));
        Thread.sleep(20);
      }
      int dropped = 0;
      long bytes = 0;
      Duration slowest = Duration.ZERO;
      for (Future<StalledClientSocket.Sending> f : sent) {
        Duration after = f.get().droppedAfter();
        dropped += after != null ? 1 : 0;
        slowest = after != null && after.compareTo(slowest) > 0 ? after : slowest;
        bytes += f.get().bytesSent();
      }
      double limit = s.meter("fanout.node.queue.limit.bytes");
      int closes = (int) (s.meter("fanout.slow.consumer.closes") - closesBefore);
      return new Observation(
          String.format(
              "%d/%d dropped (%d closed 4008, %d reaped; last after %s) after %d MB sent; node "
                  + "queue peak %.1f MB of %.0f MB",
              dropped,
              clients,
              closes,
              (int) (s.meter("fanout.connections.reaped") - reapedBefore),
              ms(slowest),
              bytes >> 20,
              maxQueue / (1 << 20),
              limit / (1 << 20)),
          dropped == clients && closes >= clients && maxQueue <= limit);
    } finally {
      pool.shutdownNow();
    }
  }

  static Observation likePatterns(AttackStack s) {
    List<String> seen = new ArrayList<>();
    boolean passed = true;
    for (String pattern : List.of("%" + "a".repeat(7000) + "b", "%" + "_".repeat(7000) + "b")) {
      String filter = "{\"title\":{\"$like\":\"" + pattern + "\"}}";
      try (WebSocketProbe p = s.subscribe("schema=blog&filter=" + q(filter))) {
        WebSocketProbe.CloseStatus c = p.awaitClose(WAIT);
        seen.add(String.valueOf(c.code()));
        passed &= c.code() == 4400;
      }
    }
    return new Observation("closed " + String.join(", ", seen), passed);
  }

  static Observation forgedCursor(AttackStack s) {
    String user = s.services().seeded().adminUserId();
    String cursor =
        new StreamPosition("fastschema.blog", new long[] {0}, new String[1])
            .cursor(
                CursorKey.derive("a-guessed-app-key".getBytes(StandardCharsets.UTF_8))
                    .bind(user, "fastschema.blog", "*", null, "", ""));
    try (WebSocketProbe p = s.subscribe("schema=blog&since=" + cursor)) {
      WebSocketProbe.CloseStatus c = p.awaitClose(WAIT);
      return new Observation(
          c.code() + " `" + c.reason() + "`, " + p.drain().size() + " messages",
          c.code() == 4400 && p.drain().isEmpty());
    }
  }

  static Observation replayStarvation(AttackStack s) throws Exception {
    String m = marker();
    String query = "schema=blog&event=create&select=id,title&filter=" + q(titleLike(m));
    String cursor;
    try (WebSocketProbe first = s.subscribe(query + "&since=now")) {
      s.insertBlogs(m + "-first", 1, 0);
      Matcher c = CURSOR.matcher(first.awaitMessage(msg -> msg.contains(m), WAIT));
      if (!c.find()) {
        return new Observation("no cursor in the first message", false);
      }
      cursor = c.group(1);
    }
    double stalledBefore = s.meter("fanout.replays.stalled");
    int rows = 800;
    s.insertBlogs(m, rows, 16_000); // ~13 MB, more than the stalled sockets' buffers hold
    List<StalledClientSocket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        stalled.add(
            StalledClientSocket.open(
                s.port(), s.realtimePath(query + "&since=" + cursor), s.token()));
      }
      Thread.sleep(200); // the stalled ones ask first and take the slots
      long start = System.nanoTime();
      int received = 0;
      try (WebSocketProbe normal = s.subscribe(query + "&since=" + cursor)) {
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (received < rows && System.nanoTime() < deadline) {
          String msg = normal.pollMessage(x -> x.contains(m + "-"), Duration.ofSeconds(1));
          if (msg != null && !msg.contains(m + "-first")) {
            received++;
          }
        }
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Observation(
          String.format(
              "normal resume: %d/%d rows in %.1f s; %d stalled replays closed 4008",
              received,
              rows,
              ms / 1000.0,
              (int) (s.meter("fanout.replays.stalled") - stalledBefore)),
          received == rows && ms < 30_000);
    } finally {
      for (StalledClientSocket c : stalled) {
        c.close();
      }
    }
  }

  static Observation sinceNowStorm(AttackStack s) throws Exception {
    int clients = 300;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<WebSocketProbe>> opened = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        opened.add(pool.submit(() -> s.subscribe("schema=blog&since=now")));
      }
      long worst = 0;
      int notReady = 0;
      while (!opened.stream().allMatch(Future::isDone)) {
        long t = System.nanoTime();
        notReady += httpStatus(s.port(), "/readyz") == 200 ? 0 : 1;
        worst = Math.max(worst, System.nanoTime() - t);
      }
      int ok = 0;
      for (Future<WebSocketProbe> f : opened) {
        ok += f.get().isOpen() ? 1 : 0;
      }
      return new Observation(
          String.format(
              "%d/%d handshakes open; slowest /readyz %d ms, %d not 200",
              ok, clients, worst / 1_000_000, notReady),
          ok == clients && notReady == 0 && worst < 1_000_000_000L);
    } finally {
      pool.shutdownNow();
      for (Future<WebSocketProbe> f : opened) {
        if (f.isDone() && !f.isCancelled()) {
          try {
            f.get().close();
          } catch (java.util.concurrent.ExecutionException refused) {
            // reported above
          }
        }
      }
    }
  }

  static Observation cursorPartitions(AttackStack s) {
    String user = s.services().seeded().adminUserId();
    CursorKey key = CursorKey.derive(s.services().appKey().getBytes(StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    boolean passed = true;
    for (int n : new int[] {0, 2, 2000}) {
      String cursor =
          new StreamPosition("fastschema.blog", new long[n], new String[n])
              .cursor(key.bind(user, "fastschema.blog", "*", null, "", ""));
      try (WebSocketProbe p = s.subscribe("schema=blog&since=" + cursor)) {
        WebSocketProbe.CloseStatus c = p.awaitClose(WAIT);
        seen.add(n + ": " + c.code());
        passed &= c.code() == 4400 && c.reason().contains("names " + n + " partitions");
      }
    }
    return new Observation(String.join(", ", seen), passed);
  }

  static Observation closeThenKeepSending(AttackStack s) throws Exception {
    double reapedBefore = s.meter("fanout.connections.reaped");
    try (StalledClientSocket c =
        StalledClientSocket.open(s.port(), s.realtimePath("schema=blog"), s.token())) {
      StalledClientSocket.Sending sent = c.sendUntilDropped("x".repeat(60_000), WAIT);
      Duration after = sent.droppedAfter();
      return new Observation(
          (after == null
                  ? "still open after " + WAIT.toSeconds() + " s"
                  : "dropped after " + ms(after))
              + ", "
              + (sent.bytesSent() >> 20)
              + " MB sent; reaped +"
              + (int) (s.meter("fanout.connections.reaped") - reapedBefore),
          after != null && after.compareTo(Duration.ofSeconds(8)) < 0);
    }
  }

  static Observation slowHeaders(AttackStack s) throws Exception {
    Duration held =
        SlowHeaderClient.hold(
            s.port(), s.realtimePath("schema=blog"), Duration.ofSeconds(5), Duration.ofSeconds(30));
    return new Observation(
        held == null ? "still open after 30 s" : "closed after " + ms(held),
        held != null && held.compareTo(Duration.ofSeconds(13)) < 0);
  }

  static Observation connectionFlood(AttackStack s) throws Exception {
    List<Socket> silent = new ArrayList<>();
    double before = s.meter("fanout.connections.public");
    try {
      while (s.meter("fanout.connections.public") < 400) {
        silent.add(new Socket("127.0.0.1", s.port()));
        if (silent.size() > 800) {
          return new Observation("gauge never reached 400", false);
        }
        Thread.sleep(1);
      }
      String refused = RawHttpRequest.send(s.port(), upgradeHead(s));
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(15).toNanos();
      while (s.meter("fanout.connections.public") > before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      long cleared = (System.nanoTime() - start) / 1_000_000;
      String accepted = RawHttpRequest.send(s.port(), upgradeHead(s));
      boolean passed =
          refused.startsWith("HTTP/1.1 503")
              && refused.contains("Retry-After")
              && accepted.startsWith("HTTP/1.1 101");
      return new Observation(
          String.format(
              "%s at the cap; silent sockets closed within %.1f s; then %s",
              statusLine(refused), cleared / 1000.0, statusLine(accepted)),
          passed);
    } finally {
      for (Socket socket : silent) {
        socket.close();
      }
    }
  }

  static Observation metricsExposure(AttackStack s) throws Exception {
    List<String> seen = new ArrayList<>();
    boolean passed = true;
    for (String path : List.of("/metrics", "/%6detrics", "//metrics")) {
      String head =
          RawHttpRequest.send(
              s.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close");
      seen.add(path + " " + statusLine(head).replace("HTTP/1.1 ", ""));
      passed &= head.startsWith("HTTP/1.1 404");
    }
    String health =
        RawHttpRequest.send(s.port(), "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close");
    boolean server = health.toLowerCase(java.util.Locale.ROOT).contains("\r\nserver:");
    seen.add(server ? "`Server` header sent" : "no `Server` header");
    return new Observation(String.join(", ", seen), passed && !server);
  }

  static Observation oversizedHeaders(AttackStack s) throws Exception {
    String head =
        "GET "
            + s.realtimePath("schema=blog&x=" + "a".repeat(5_000))
            + " HTTP/1.1\r\nHost: x\r\nX-Big: "
            + "b".repeat(4_000);
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    System.setErr(new java.io.PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
    int refused = 0;
    try {
      for (int i = 0; i < 1_000; i++) {
        refused += RawHttpRequest.send(s.port(), head).startsWith("HTTP/1.1 431") ? 1 : 0;
      }
    } finally {
      System.setErr(err);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().filter(l -> l.contains("BadRequestLog")).toList();
    int longest = lines.stream().mapToInt(String::length).max().orElse(0);
    return new Observation(
        String.format(
            "%d× 431; log %d bytes in %d line(s), longest %d chars",
            refused, text.length(), lines.size(), longest),
        refused == 1_000 && lines.size() <= 2 && longest < 600 && text.length() < 64 << 10);
  }

  static Observation otpHash(AttackStack s) throws Exception {
    String id = UUID.randomUUID().toString();
    try (WebSocketProbe p = s.subscribe("schema=session&event=create")) {
      s.sql(
          "INSERT INTO sessions (id, user_id, expires_at, otp_hash, type) "
              + "VALUES (?::uuid, ?::uuid, now() + interval '1 hour', 'secret-otp-hash', 'otp')",
          id,
          s.services().seeded().adminUserId());
      String msg = p.awaitMessage(x -> x.contains(id), WAIT);
      boolean leaked = msg.contains("otp_hash") || msg.contains("secret-otp-hash");
      return new Observation(
          leaked ? "`otp_hash` sent: " + msg : "create received without `otp_hash`", !leaked);
    }
  }

  static Observation foreignOrigin(AttackStack s) {
    try (WebSocketProbe p =
        s.subscribe(
            "schema=blog",
            Map.of("Cookie", "token=" + s.token(), "Origin", "https://evil.example"))) {
      WebSocketProbe.CloseStatus c = p.awaitClose(WAIT);
      return new Observation(c.code() + " `" + c.reason() + "`", c.code() == 4403);
    }
  }

  static Observation extensionOffers(AttackStack s) throws Exception {
    List<String> negotiated = new ArrayList<>();
    for (String offer :
        List.of(
            "fragment; maxLength=1",
            "permessage-deflate; client_max_window_bits",
            "@frame-capture; output-dir=/tmp")) {
      String title = "ext-" + UUID.randomUUID();
      try (StalledClientSocket c =
          StalledClientSocket.open(
              s.port(),
              s.realtimePath("schema=blog&event=create"),
              s.token(),
              Map.of("Sec-WebSocket-Extensions", offer))) {
        String answer = c.responseHeaders().get("sec-websocket-extensions");
        if (answer != null) {
          negotiated.add(answer);
        }
        s.sql("INSERT INTO blogs (title) VALUES (?)", title);
        String text = c.nextText(WAIT); // refuses a fragmented or compressed frame
        while (!text.contains(title)) {
          text = c.nextText(WAIT);
        }
      }
    }
    return new Observation(
        negotiated.isEmpty()
            ? "3 offers, none negotiated, 3 changes as whole plain frames"
            : "negotiated: " + negotiated,
        negotiated.isEmpty());
  }

  static Observation controlCharacters(AttackStack s) {
    try (WebSocketProbe p = s.subscribe("schema=blog%0D%0AX-Injected:%20yes%00")) {
      WebSocketProbe.CloseStatus c = p.awaitClose(WAIT);
      boolean clean = c.reason().chars().noneMatch(Character::isISOControl);
      return new Observation(
          c.code() + " `" + c.reason() + "`" + (clean ? "" : " (control characters!)"), clean);
    }
  }

  private static String upgradeHead(AttackStack s) {
    return "GET "
        + s.realtimePath("schema=blog")
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c3RhbGxlZC1jbGllbnQtMTY=\r\n"
        + "Authorization: Bearer "
        + s.token();
  }

  private static int httpStatus(int port, String path) throws IOException {
    String head =
        RawHttpRequest.send(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close");
    return head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
  }

  private static String statusLine(String head) {
    int end = head.indexOf("\r\n");
    return end < 0 ? head : head.substring(0, end);
  }

  private static String titleLike(String marker) {
    return "{\"title\":{\"$like\":\"" + marker + "%\"}}";
  }

  private static String marker() {
    return "atk" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String ms(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
