package io.fastschema.realtime.faultdrill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one logical WebSocket client received, across all its connections: for every drill row
 * (title starting with the scenario's prefix) how often it arrived and when first, creates and
 * updates apart from deletes (the rows of a primary-key change: a delete and a create); the last
 * resume cursor; messages that did not parse. Thread-safe: Jetty calls {@link #accept} on its
 * threads.
 */
final class Subscriber {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String prefix;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
  private final LongAdder messages = new LongAdder();
  private final LongAdder messagesWithoutCursor = new LongAdder();
  private final List<String> unparsable = new ArrayList<>();
  private volatile String lastCursor;
  private volatile long lastArrivalNanos;

  Subscriber(String name, String prefix) {
    this.name = name;
    this.prefix = prefix;
  }

  String name() {
    return name;
  }

  void accept(String message, long arrivedNanos) {
    messages.increment();
    lastArrivalNanos = arrivedNanos;
    JsonNode root;
    try {
      root = JSON.readTree(message);
    } catch (IOException e) {
      synchronized (unparsable) {
        unparsable.add(message);
      }
      return;
    }
    JsonNode cursor = root.get("cursor");
    if (cursor != null && cursor.isTextual()) {
      lastCursor = cursor.asText();
    } else {
      messagesWithoutCursor.increment();
    }
    JsonNode data = root.path("data");
    boolean deleted = "delete".equals(root.path("event").asText());
    if (data.isArray()) {
      data.forEach(row -> file(row, deleted, arrivedNanos));
    } else {
      file(data, deleted, arrivedNanos);
    }
  }

  private void file(JsonNode row, boolean deleted, long arrivedNanos) {
    String title = row.path("title").asText("");
    if (title.startsWith(prefix)) {
      String key = deleted ? deletedKey(title) : title;
      counts.computeIfAbsent(key, t -> new AtomicInteger()).incrementAndGet();
      firstArrival.putIfAbsent(key, arrivedNanos);
    }
  }

  /**
   * What deletes of the row titled {@code title} are counted under ({@link #count}); creates and
   * updates are counted under the title itself.
   */
  static String deletedKey(String title) {
    return "delete:" + title;
  }

  /**
   * How often the row titled {@code title} arrived (0 if never), or its deletes: {@link
   * #deletedKey}.
   */
  int count(String title) {
    AtomicInteger count = counts.get(title);
    return count == null ? 0 : count.get();
  }

  /** Titles received at least once. */
  java.util.Set<String> received() {
    return java.util.Set.copyOf(counts.keySet());
  }

  /** When {@code title} first arrived ({@code System.nanoTime}), or null. */
  Long firstArrival(String title) {
    return firstArrival.get(title);
  }

  /** Extra copies: arrivals beyond the first, summed over all rows. */
  int duplicates() {
    return counts.values().stream().mapToInt(c -> c.get() - 1).sum();
  }

  long messages() {
    return messages.sum();
  }

  long messagesWithoutCursor() {
    return messagesWithoutCursor.sum();
  }

  String lastCursor() {
    return lastCursor;
  }

  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  List<String> unparsable() {
    synchronized (unparsable) {
      return List.copyOf(unparsable);
    }
  }
}
