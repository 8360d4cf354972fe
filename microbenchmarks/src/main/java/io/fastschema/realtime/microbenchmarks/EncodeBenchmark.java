package io.fastschema.realtime.microbenchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.fanout.hub.ClientSession;
import io.fastschema.realtime.fanout.hub.MessageEncoder;
import io.fastschema.realtime.fanout.hub.SubscriptionRegistry;
import io.fastschema.realtime.fanout.stream.Delivery;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One update event delivered to {@value #SUBSCRIBERS} schema-wide subscribers that all want it,
 * spread over {@value #SELECTS} distinct {@code select} lists: the encoding work (DeliveryMessages,
 * MessageEncoder) and the enqueue per subscriber.
 *
 * <p>{@code filters}: {@code none} (so only {@value #SELECTS} distinct views), or {@code distinct}
 * (every subscriber has its own filter text, all of which admit the row, as with per-user filters:
 * the payload only depends on the select, not on the filter).
 *
 * <p>Run: {@code java -jar microbenchmarks/target/microbenchmarks.jar EncodeBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EncodeBenchmark {

  static final int SUBSCRIBERS = 10_000;
  static final int SELECTS = 4;
  private static final String[] SELECT_LISTS = {
    "", "title", "title,status,views", "owner,score,published_at"
  };

  @Param({"none", "distinct"})
  public String filters;

  private SubscriptionRegistry registry;
  private CountingTransport transport;
  private Delivery delivery;

  @Setup
  public void setUp() {
    registry = new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    transport = new CountingTransport();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      String filter = filters.equals("none") ? "" : "{\"views\":{\"$lt\":" + (1000 + i) + "}}";
      registry.add(
          new ClientSession(
              PostFixture.subscription(PostFixture.view(filter, SELECT_LISTS[i % SELECTS])),
              transport,
              1024,
              1 << 20,
              registry));
    }
    ObjectNode before = PostFixture.row(42, 7, 150, "published");
    ObjectNode after = before.deepCopy().put("title", "Post number 42, edited");
    delivery = Delivery.of(PostFixture.update(before, after));

    long sent = transport.messages;
    registry.dispatch(delivery);
    if (transport.messages - sent != SUBSCRIBERS) {
      throw new IllegalStateException(
          "the event reached "
              + (transport.messages - sent)
              + " subscribers, the workload needs all "
              + SUBSCRIBERS);
    }
  }

  @Benchmark
  public long dispatchToAll() {
    registry.dispatch(delivery);
    return transport.messages;
  }
}
