package io.fastschema.realtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol, for tests
 * that must see what a person sees: open a page, run JavaScript in it, read the DOM, take a
 * screenshot. No Selenium: one page, one WebSocket to it, JSON commands.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CANDIDATES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

  private final Process process;
  private final Path profile;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, WebSocket page) {
    this.process = process;
    this.profile = profile;
    this.page = page;
  }

  /** The browser executable on the PATH, if any. */
  public static Optional<Path> find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : CANDIDATES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts the browser with one blank page (root needs --no-sandbox, as in CI). */
  public static HeadlessChromium start(Path executable) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                executable.toString(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--window-size=1400,900",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .start();
    String browserWs = awaitDevToolsUrl(process);
    URI browser = URI.create(browserWs);
    HttpClient http = HttpClient.newHttpClient();
    String list =
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://" + browser.getAuthority() + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageWs = null;
    for (JsonNode target : JSON.readTree(list)) {
      if ("page".equals(target.path("type").asText())) {
        pageWs = target.get("webSocketDebuggerUrl").asText();
      }
    }
    if (pageWs == null) {
      process.destroyForcibly();
      throw new IOException("no page target in " + list);
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    WebSocket socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageWs), new Listener(() -> self[0]))
            .get(20, TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, socket);
    return self[0];
  }

  private static String awaitDevToolsUrl(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      int at = line.indexOf("ws://");
      if (line.startsWith("DevTools listening on") && at >= 0) {
        String url = line.substring(at).trim();
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the pipe from filling up
                    }
                  } catch (IOException e) {
                    // the browser ended
                  }
                },
                "chromium-output");
        drain.setDaemon(true);
        drain.start();
        return url;
      }
      seen.add(line);
    }
    throw new IOException("chromium exited before DevTools listened: " + seen);
  }

  /** Sends a DevTools command and waits for its result. */
  public JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", JSON.valueToTree(params));
    page.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
    JsonNode answer = reply.get(30, TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.path("result");
  }

  /** Opens {@code url} and waits until the document has loaded. */
  public void open(String url) throws Exception {
    call("Page.enable", Map.of());
    call("Page.navigate", Map.of("url", url));
    await("document.readyState === 'complete'", Duration.ofSeconds(20));
  }

  /** The value of a JavaScript expression evaluated in the page (awaiting promises). */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IOException(expression + " threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until a boolean expression holds in the page; fails with the page's text if not. */
  public void await(String condition, Duration timeout) throws Exception {
    awaitValue("(" + condition + ") === true", JsonNode::asBoolean, timeout);
  }

  /** Evaluates until the value satisfies {@code done}, then returns it. */
  public JsonNode awaitValue(String expression, Predicate<JsonNode> done, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode value = evaluate(expression);
    while (!done.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "after "
                + timeout
                + ", "
                + expression
                + " is "
                + value
                + "; page text: "
                + evaluate("document.body.innerText"));
      }
      Thread.sleep(100);
      value = evaluate(expression);
    }
    return value;
  }

  /** A PNG of the page as it is shown. */
  public byte[] screenshot() throws Exception {
    return Base64.getDecoder()
        .decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
  }

  @Override
  public void close() throws Exception {
    page.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try {
      io.fastschema.realtime.embedded.TempDirectories.deleteRecursively(profile);
    } catch (java.io.UncheckedIOException e) {
      // A profile file still locked by a dying process stays in the temp directory.
    }
  }

  private void onMessage(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
        if (reply != null) {
          reply.complete(message);
        }
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Collects frames of one DevTools message (large results arrive in parts). */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Supplier<HeadlessChromium> owner;
    private final StringBuilder partial = new StringBuilder();

    Listener(java.util.function.Supplier<HeadlessChromium> owner) {
      this.owner = owner;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        HeadlessChromium browser = owner.get();
        if (browser != null) {
          browser.onMessage(text);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
