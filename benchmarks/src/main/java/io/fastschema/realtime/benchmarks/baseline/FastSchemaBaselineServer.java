package io.fastschema.realtime.benchmarks.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.auth.AuthenticationException;
import io.fastschema.realtime.fanout.auth.HandshakeCredentials;
import io.fastschema.realtime.fanout.auth.TokenExtractor;
import io.fastschema.realtime.fanout.auth.TokenVerifier;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastSchema's realtime strategy, reproduced as a benchmark baseline (spec sections 1.5-1.13):
 * every client sits in one topic; for each content hook call the server walks the published topics
 * and, for every client in them, runs that client's own SELECT (its {@code select} and {@code
 * filter}) and writes the result to it. Deletes send the pre-delete rows without a query.
 *
 * <p>Faithful where it costs: one query per subscribed client per create/update event, run
 * concurrently on a fixed pool of {@code poolSize} JDBC connections (FastSchema spawns one
 * goroutine per client per event and they queue on {@code database/sql}'s pool; here they queue on
 * the executor), no ordering, no queue bound. The trigger is our Kafka topic instead of
 * FastSchema's in-process hooks: the baseline sees committed changes, as ours does, so latency is
 * compared from the same commit. Not reproduced: permissions (the benchmark connects as a root
 * user), relation filters and selects, byte-exact encodings of rare types.
 *
 * <p>Threads: {@code baseline-kafka} (decode, assemble, enqueue one task per client), the {@code
 * baseline-query-N} workers (each owns one connection), Jetty's pool (handshakes, sends).
 */
public final class FastSchemaBaselineServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FastSchemaBaselineServer.class);
  static final String PATH = "/api/realtime/content";
  static final String UNAUTHORIZED = "[401] Unauthorized";

  private final BaselineConfig config;
  private final SchemaCatalog catalog;
  private final TokenVerifier verifier;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonFactory jsonFactory = new JsonFactory();
  private final Server server;
  private final Map<String, Set<BaselineEndpoint>> topics = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;

  /** Every worker's connection, closed on shutdown. */
  private final List<Connection> connections = new ArrayList<>();

  private final ThreadLocal<Connection> workerConnection = new ThreadLocal<>();
  private final KafkaTrigger trigger;
  private final AtomicInteger clients = new AtomicInteger();
  private final LongAdder hookCalls = new LongAdder();
  private final LongAdder queries = new LongAdder();
  private final LongAdder queryFailures = new LongAdder();
  private final LongAdder messagesQueued = new LongAdder();
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder sendFailures = new LongAdder();

  public FastSchemaBaselineServer(BaselineConfig config, SchemaCatalog catalog) {
    this.config = config;
    this.catalog = catalog;
    this.verifier = TokenVerifier.forAppKey(config.appKey(), Clock.systemUTC());
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            config.poolSize(),
            config.poolSize(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "baseline-query-" + workerNumber.incrementAndGet()));
    List<String> kafkaTopics =
        catalog.schemas().stream()
            .filter(s -> !s.isSystem())
            .map(s -> config.topicPrefix() + "." + s.name())
            .toList();
    this.trigger =
        new KafkaTrigger(config.kafkaBootstrapServers(), kafkaTopics, json, this::broadcast);
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("baseline-jetty");
    this.server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(config.port());
    server.addConnector(connector);
    WebSocketUpgradeHandler ws =
        WebSocketUpgradeHandler.from(
            server,
            c -> {
              c.setIdleTimeout(java.time.Duration.ZERO); // FastSchema has no idle timeout
              c.addMapping(
                  PATH,
                  (req, resp, cb) -> {
                    if (req.getSubProtocols().contains("Authorization")) {
                      resp.setAcceptedSubProtocol("Authorization");
                    }
                    return handshake(req);
                  });
            });
    ws.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            return operations(request, response, callback);
          }
        });
    server.setHandler(ws);
  }

  public void start() throws Exception {
    server.start();
    trigger.start();
    LOG.info(
        "FastSchema baseline listening on port {} ({} query connections)",
        port(),
        config.poolSize());
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  private BaselineEndpoint handshake(ServerUpgradeRequest req) {
    var headers = req.getHeaders();
    String cookie = null;
    for (var c : Request.getCookies(req)) {
      if (c.getName().equals("token")) {
        cookie = c.getValue();
      }
    }
    String token =
        TokenExtractor.extract(
                new HandshakeCredentials(
                    headers.get("Authorization"),
                    headers.get("X-Auth-Token"),
                    cookie,
                    HandshakeCredentials.joinHeaderValues(
                        headers.getValuesList("Sec-WebSocket-Protocol"))))
            .orElse(null);
    if (token == null) {
      return new BaselineEndpoint(null, UNAUTHORIZED, this);
    }
    try {
      verifier.verify(token);
    } catch (AuthenticationException e) {
      return new BaselineEndpoint(null, UNAUTHORIZED, this);
    }
    Fields query = Request.extractQueryParameters(req);
    String schemaName = query.getValue("schema");
    Schema schema = schemaName == null ? null : catalog.schema(schemaName).orElse(null);
    if (schema == null) {
      return new BaselineEndpoint(
          null, "realtime.content: schema '" + schemaName + "' not found", this);
    }
    String event = query.getValue("event");
    Operation op = null;
    if (event != null && !event.isEmpty() && !event.equals("*")) {
      try {
        op = Operation.valueOf(event.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return new BaselineEndpoint(null, "realtime.content: invalid event '" + event + "'", this);
      }
    }
    try {
      String id = query.getValue("id");
      long idValue = id == null || id.isEmpty() ? 0 : Long.parseLong(id);
      Requery requery =
          Requery.of(schema, query.getValue("select"), query.getValue("filter"), json);
      return new BaselineEndpoint(
          new BaselineSubscription(schema, op, idValue, requery), null, this);
    } catch (IllegalArgumentException e) {
      return new BaselineEndpoint(null, "realtime.content: " + e.getMessage(), this);
    }
  }

  void join(BaselineEndpoint client) {
    topics
        .computeIfAbsent(client.subscription().topic(), t -> ConcurrentHashMap.newKeySet())
        .add(client);
    clients.incrementAndGet();
  }

  void leave(BaselineEndpoint client) {
    Set<BaselineEndpoint> members = topics.get(client.subscription().topic());
    if (members != null && members.remove(client)) {
      clients.decrementAndGet();
    }
  }

  void sent() {
    messagesSent.increment();
  }

  void sendFailed() {
    sendFailures.increment();
  }

  /** On the Kafka thread: FastSchema's {@code Broadcast}, one task per client per topic. */
  private void broadcast(HookCall call) {
    if (call.op() == Operation.CREATE && call.ids().size() > 1) {
      // FastSchema creates record by record: one hook call each.
      for (int i = 0; i < call.ids().size(); i++) {
        broadcast(new HookCall(call.schema(), call.op(), List.of(call.ids().get(i)), List.of()));
      }
      return;
    }
    hookCalls.increment();
    String base = "content." + call.schema();
    String withOp = base + "." + call.op().wireName();
    List<String> published = new ArrayList<>();
    published.add(base);
    published.add(withOp);
    for (JsonNode id : call.ids()) {
      published.add(withOp + "." + id.asText());
    }
    for (String topic : published) {
      Set<BaselineEndpoint> members = topics.get(topic);
      if (members == null) {
        continue;
      }
      for (BaselineEndpoint client : members) {
        workers.execute(() -> deliver(client, call));
      }
    }
  }

  /** On a query worker: re-query (create/update) or the pre-delete rows, then write. */
  private void deliver(BaselineEndpoint client, HookCall call) {
    BaselineSubscription s = client.subscription();
    String message;
    try {
      message = call.op() == Operation.DELETE ? deleteMessage(s, call) : requeried(s, call);
    } catch (SQLException | IOException | RuntimeException e) {
      queryFailures.increment();
      message = "failed to serialize message: realtime.content: " + e.getMessage();
      LOG.debug("Re-query failed for {}", s.topic(), e);
    }
    if (message != null) {
      messagesQueued.increment();
      client.send(message);
    }
  }

  private String requeried(BaselineSubscription s, HookCall call) throws SQLException, IOException {
    Connection connection = connection();
    String sql = s.requery().sql(call.op(), call.ids().size());
    StringWriter text = new StringWriter(256);
    int rows = 0;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int p = 1;
      for (JsonNode id : call.ids()) {
        statement.setObject(p++, id.isNumber() ? id.longValue() : id.asText());
      }
      for (Object param : s.requery().filterParams()) {
        statement.setObject(p++, param);
      }
      queries.increment();
      try (ResultSet result = statement.executeQuery();
          JsonGenerator out = jsonFactory.createGenerator(text)) {
        ResultSetMetaData meta = result.getMetaData();
        boolean object = call.op() == Operation.CREATE || s.wantsObject();
        out.writeStartObject();
        out.writeStringField("event", call.op().wireName());
        out.writeFieldName("data");
        if (!object) {
          out.writeStartArray();
        }
        while (result.next()) {
          RowJson.write(result, meta, out);
          rows++;
          if (object) {
            break; // FastSchema sends contents[0]
          }
        }
        if (!object) {
          out.writeEndArray();
        }
        if (rows > 0) {
          out.writeEndObject();
        }
      }
    }
    return rows == 0 ? null : text.toString(); // no row (filtered out, gone): no message
  }

  private String deleteMessage(BaselineSubscription s, HookCall call) throws IOException {
    Map<String, Object> message = new java.util.LinkedHashMap<>();
    message.put("event", "delete");
    List<ObjectNode> rows = call.deletedRows();
    message.put("data", s.wantsObject() ? rows.get(0) : rows);
    return json.writeValueAsString(message);
  }

  /** The worker's own connection, opened on its first query. */
  private Connection connection() throws SQLException {
    Connection c = workerConnection.get();
    if (c == null) {
      c = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
      c.setAutoCommit(true);
      workerConnection.set(c);
      synchronized (connections) {
        connections.add(c);
      }
    }
    return c;
  }

  private boolean operations(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String body;
    int status = 200;
    switch (path) {
      case "/healthz" -> body = "ok\n";
      case "/readyz" -> {
        String why = trigger.notReadyBecause();
        status = why == null ? 200 : 503;
        body = why == null ? "ready\n" : "not ready: " + why + "\n";
      }
      case "/metrics" -> body = metricsText();
      default -> {
        return false;
      }
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  /** Prometheus text format, so the load tool reads both servers the same way. */
  private String metricsText() {
    return "baseline_connections_open "
        + clients.get()
        + "\n"
        + "baseline_hook_calls_total "
        + hookCalls.sum()
        + "\n"
        + "baseline_queries_total "
        + queries.sum()
        + "\n"
        + "baseline_query_failures_total "
        + queryFailures.sum()
        + "\n"
        + "baseline_messages_queued_total "
        + messagesQueued.sum()
        + "\n"
        + "baseline_messages_sent_total "
        + messagesSent.sum()
        + "\n"
        + "baseline_send_failures_total "
        + sendFailures.sum()
        + "\n"
        + "baseline_tasks_pending "
        + workers.getQueue().size()
        + "\n"
        + "baseline_events_consumed_total "
        + trigger.eventsConsumed()
        + "\n";
  }

  @Override
  public void close() throws Exception {
    trigger.close();
    workers.shutdownNow();
    workers.awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
    synchronized (connections) {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException e) {
          LOG.warn("Closing a query connection failed", e);
        }
      }
    }
  }
}
