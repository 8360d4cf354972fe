package io.fastschema.realtime.benchmarks.receiver;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * N client WebSocket connections read by one selector thread with one direct buffer: the receiving
 * side of the throughput benchmarks. After a blocking HTTP/1.1 upgrade (done by a few short-lived
 * threads, so thousands connect in seconds), each connection is non-blocking and its frames are
 * only walked ({@link ReceiverConnection}): nothing is allocated per message, so this side stays
 * far below the server's cost and {@link #selectorCpuNanos} shows it.
 *
 * <p>Server frames are unmasked, so reading needs no unmasking; the little the client sends (a pong
 * per ping, a close frame at the end) is masked with a zero key, which RFC 6455 allows.
 *
 * <p>Lifecycle: {@link #start} → {@link #connect} (any number of times) → {@link #close}.
 * Thread-safe.
 */
public final class NioReceivers implements AutoCloseable {

  private static final int READ_BUFFER_BYTES = 256 * 1024;

  /** Masked (zero key) pong with no payload. */
  private static final byte[] PONG = {(byte) 0x8A, (byte) 0x80, 0, 0, 0, 0};

  /** Masked (zero key) close frame with status 1000. */
  private static final byte[] CLOSE = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};

  private final FrameSink sink;
  private final boolean scanViews;
  private final Selector selector;
  private final Thread loop;
  private final List<ReceiverConnection> connections = new ArrayList<>();
  private final Queue<ReceiverConnection> toRegister = new ConcurrentLinkedQueue<>();
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean stopping;

  private NioReceivers(FrameSink sink, boolean scanViews) throws IOException {
    this.sink = sink;
    this.scanViews = scanViews;
    this.selector = Selector.open();
    this.loop = new Thread(this::readLoop, "nio-receivers");
    loop.setDaemon(true);
  }

  /**
   * @param scanViews read each text message's {@code "views":} values for {@link FrameSink#message}
   *     (the load benchmark's latency); off, payloads are skipped unread
   */
  public static NioReceivers start(FrameSink sink, boolean scanViews) throws IOException {
    NioReceivers r = new NioReceivers(sink, scanViews);
    r.loop.start();
    return r;
  }

  /**
   * Opens {@code count} more connections to {@code server}; connection {@code i} (numbered from 0
   * across calls) requests {@code targetOf.apply(i)} (path and query) with {@code headers}.
   *
   * @throws IOException with the first failure and how many upgraded, if any failed
   */
  public void connect(
      InetSocketAddress server,
      IntFunction<String> targetOf,
      Map<String, String> headers,
      int count,
      int parallel,
      Duration timeout)
      throws IOException, InterruptedException {
    int first;
    synchronized (connections) {
      first = connections.size();
    }
    ExecutorService handshakes = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<ReceiverConnection>> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = first + i;
        pending.add(
            handshakes.submit(() -> upgrade(server, targetOf.apply(index), headers, index)));
      }
      IOException failure = null;
      int upgraded = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<ReceiverConnection> f : pending) {
        try {
          ReceiverConnection c =
              f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          synchronized (connections) {
            connections.add(c);
          }
          open.incrementAndGet();
          toRegister.add(c);
          upgraded++;
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (failure == null) {
            failure = new IOException(cause.getMessage(), cause);
          }
        }
      }
      selector.wakeup();
      if (failure != null) {
        throw new IOException(
            upgraded + " of " + count + " connections upgraded; first failure: " + failure,
            failure);
      }
    } finally {
      handshakes.shutdownNow();
    }
  }

  private ReceiverConnection upgrade(
      InetSocketAddress server, String target, Map<String, String> headers, int index)
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.connect(server);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      StringBuilder req = new StringBuilder(256);
      req.append("GET ").append(target).append(" HTTP/1.1\r\n");
      req.append("Host: ").append(server.getHostString()).append(':').append(server.getPort());
      req.append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
      // A fixed key is enough: the client does not check the accept hash, the server only hashes
      // it.
      req.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("\r\n");
      ByteBuffer out = ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ByteBuffer in = ByteBuffer.allocate(8192);
      int end;
      while ((end = headerEnd(in.array(), in.position())) < 0) {
        if (!in.hasRemaining()) {
          throw new IOException("upgrade response larger than " + in.capacity() + " bytes");
        }
        if (ch.read(in) < 0) {
          throw new IOException("connection closed during the upgrade of " + target);
        }
      }
      String head = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IOException(target + " not upgraded: " + head.lines().findFirst().orElse(""));
      }
      ch.configureBlocking(false);
      ReceiverConnection c = new ReceiverConnection(ch, index, scanViews);
      // Frames the server sent right after its 101 came in with it.
      ByteBuffer rest = ByteBuffer.wrap(in.array(), end + 4, in.position() - end - 4);
      if (rest.hasRemaining() && c.consume(rest, System.nanoTime(), sink)) {
        throw new IOException(target + " closed by the server right after the upgrade");
      }
      return c;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static int headerEnd(byte[] a, int length) {
    for (int i = 0; i + 3 < length; i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void readLoop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    try {
      while (!stopping) {
        registerNew();
        if (selector.select(100) == 0) {
          continue;
        }
        long now = System.nanoTime(); // one clock read per wake-up, not per message
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          read(key, (ReceiverConnection) key.attachment(), buf, now);
        }
      }
    } catch (ClosedSelectorException e) {
      // close() ran: done
    } catch (IOException e) {
      throw new IllegalStateException("selector failed", e);
    }
  }

  private void registerNew() throws IOException {
    ReceiverConnection c;
    while ((c = toRegister.poll()) != null) {
      c.channel.register(selector, SelectionKey.OP_READ, c);
    }
  }

  private void read(SelectionKey key, ReceiverConnection c, ByteBuffer buf, long now) {
    buf.clear();
    int n;
    try {
      n = c.channel.read(buf);
    } catch (IOException e) {
      n = -1;
    }
    boolean closed = n < 0;
    if (n > 0) {
      buf.flip();
      closed = c.consume(buf, now, sink);
      if (!closed && c.takePing()) {
        writeQuietly(c, PONG); // a pong that does not fit is simply skipped: nothing checks it
      }
    }
    if (closed) {
      if (n < 0) {
        sink.closed(c.index, 1006); // no close frame: abnormal closure
      }
      key.cancel();
      end(c);
    }
  }

  private static void writeQuietly(ReceiverConnection c, byte[] frame) {
    try {
      c.channel.write(ByteBuffer.wrap(frame));
    } catch (IOException e) {
      // the connection is going away; its read side reports that
    }
  }

  private void end(ReceiverConnection c) {
    if (c.ended.compareAndSet(false, true)) {
      open.decrementAndGet();
    }
    closeQuietly(c);
  }

  private static void closeQuietly(ReceiverConnection c) {
    try {
      c.channel.close();
    } catch (IOException e) {
      // closing a socket that already failed: nothing left to release
    }
  }

  /** Connections upgraded so far (open or not). */
  public int count() {
    synchronized (connections) {
      return connections.size();
    }
  }

  /** Connections still open. */
  public int open() {
    return open.get();
  }

  /** Text messages connection {@code i} received. */
  public long messages(int i) {
    synchronized (connections) {
      return connections.get(i).messages();
    }
  }

  /** Text messages and their payload bytes over all connections: {messages, bytes}. */
  public long[] totals() {
    long m = 0;
    long b = 0;
    synchronized (connections) {
      for (ReceiverConnection c : connections) {
        m += c.messages();
        b += c.payloadBytes();
      }
    }
    return new long[] {m, b};
  }

  /** Binary frames received: the benchmarks send text only, so anything here is a fault. */
  public int nonTextFrames() {
    int n = 0;
    synchronized (connections) {
      for (ReceiverConnection c : connections) {
        n += c.nonTextFrames();
      }
    }
    return n;
  }

  /** CPU time of the reading thread: what receiving cost. */
  public long selectorCpuNanos() {
    return ManagementFactory.getThreadMXBean().getThreadCpuTime(loop.getId());
  }

  /** Sends a close frame on every open connection and closes it. */
  public void closeAll() {
    List<ReceiverConnection> all;
    synchronized (connections) {
      all = new ArrayList<>(connections);
      connections.clear();
    }
    for (ReceiverConnection c : all) {
      if (!c.ended.get()) {
        writeQuietly(c, CLOSE);
        end(c);
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stopping = true;
    selector.wakeup();
    loop.join(5_000);
    closeAll();
    selector.close();
  }
}
