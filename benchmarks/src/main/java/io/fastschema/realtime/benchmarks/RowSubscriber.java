package io.fastschema.realtime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One benchmark client: stamps every realtime message on arrival and files it under the sequence
 * number its row carries. Only the first arrival of a sequence number counts; later ones are
 * duplicates. Public because Jetty binds listeners through method handles and fails the upgrade of
 * a non-public class.
 *
 * <p>Thread-safe: Jetty calls it on its threads while the benchmark thread reads the arrivals.
 */
public final class RowSubscriber implements Session.Listener.AutoDemanding {

  private final ObjectMapper json;

  /** Arrival time by sequence number, {@link WriteLog#NONE} until the first arrival. */
  private final AtomicLongArray arrivals;

  /** Rows that arrived again. */
  private final LongAdder duplicates = new LongAdder();

  /** Messages or rows that carry no benchmark value (or do not parse). */
  private final LongAdder unmatched = new LongAdder();

  /** Completed when the connection ends: the close code and reason. */
  private final CompletableFuture<String> closed = new CompletableFuture<>();

  RowSubscriber(ObjectMapper json, int capacity) {
    this.json = json;
    this.arrivals = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      arrivals.set(i, WriteLog.NONE);
    }
  }

  @Override
  public void onWebSocketText(String message) {
    long now = System.nanoTime(); // first: parsing is not part of the delivery
    JsonNode data;
    try {
      data = json.readTree(message).path("data");
    } catch (IOException e) {
      unmatched.increment();
      return;
    }
    if (data.isArray()) {
      data.forEach(row -> file(row, now)); // schema-wide subscriptions get arrays
    } else {
      file(data, now);
    }
  }

  private void file(JsonNode row, long arrivedNanos) {
    JsonNode views = row.path("views");
    int seq = views.canConvertToLong() ? RowValue.seqOf(views.asLong(), arrivals.length()) : -1;
    if (seq < 0) {
      unmatched.increment();
    } else if (!arrivals.compareAndSet(seq, WriteLog.NONE, arrivedNanos)) {
      duplicates.increment();
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    closed.complete(statusCode + " " + reason);
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // Jetty follows an error on an open session with onWebSocketClose; keep the cause for the
    // report.
    closed.complete("error: " + cause);
  }

  /** When {@code seq} first arrived, or {@link WriteLog#NONE}. */
  long arrivalNanos(int seq) {
    return arrivals.get(seq);
  }

  boolean received(int seq) {
    return arrivals.get(seq) != WriteLog.NONE;
  }

  /** How many of {@code [from, to)} have not arrived. */
  int missing(int from, int to) {
    int missing = 0;
    for (int seq = from; seq < to; seq++) {
      if (!received(seq)) {
        missing++;
      }
    }
    return missing;
  }

  long duplicates() {
    return duplicates.sum();
  }

  long unmatched() {
    return unmatched.sum();
  }

  /** Null while open, else how the connection ended. */
  String closeDescription() {
    return closed.getNow(null);
  }
}
