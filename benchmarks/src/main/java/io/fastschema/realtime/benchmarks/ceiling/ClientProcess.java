package io.fastschema.realtime.benchmarks.ceiling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CountingClients} JVM, started with this JVM's java and class path, and the
 * request/reply conversation with it. Its stderr goes to ours. It exits when its stdin closes, so
 * it cannot outlive this JVM by much even if {@link #close} never runs.
 *
 * <p>Not thread-safe: one caller at a time.
 */
final class ClientProcess implements AutoCloseable {

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

  private ClientProcess(Process process) {
    this.process = process;
    this.commands =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    Thread reader = new Thread(this::readReplies, "ceiling-client-replies");
    reader.setDaemon(true);
    reader.start();
  }

  static ClientProcess start(URI uri, List<String> jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CountingClients.class.getName());
    command.add(uri.toString());
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ClientProcess(p);
  }

  long pid() {
    return process.pid();
  }

  /** Opens {@code count} more connections; returns how long that took, ms. */
  long connect(int count, Duration timeout) throws InterruptedException {
    String reply = call("connect " + count, timeout);
    String[] f = reply.split(" ");
    if (f.length != 3 || !f[0].equals("connected")) {
      throw new IllegalStateException("client JVM answered '" + reply + "' to connect " + count);
    }
    return Long.parseLong(f[2]);
  }

  ClientSnapshot snapshot() throws InterruptedException {
    // Generous: on a loaded 2-core machine the client JVM may wait seconds for a CPU.
    return ClientSnapshot.parse(call("snapshot", Duration.ofSeconds(60)));
  }

  void closeConnections() throws InterruptedException {
    String reply = call("close", Duration.ofSeconds(30));
    if (!reply.equals("closed")) {
      throw new IllegalStateException("client JVM answered '" + reply + "' to close");
    }
  }

  private String call(String command, Duration timeout) throws InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "client JVM (pid "
              + process.pid()
              + ") exited with "
              + process.exitValue()
              + " before '"
              + command
              + "'");
    }
    commands.println(command);
    String reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (reply == null) {
      throw new IllegalStateException(
          "client JVM (pid "
              + process.pid()
              + ") did not answer '"
              + command
              + "' within "
              + timeout);
    }
    return reply;
  }

  private void readReplies() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        replies.add(line);
      }
    } catch (IOException e) {
      replies.add("error client JVM output unreadable: " + e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("exit");
    commands.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy(); // ours, by handle: never by name
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
