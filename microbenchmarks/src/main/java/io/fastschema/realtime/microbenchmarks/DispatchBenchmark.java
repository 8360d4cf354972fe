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
 * One update event matched against {@value #SUBSCRIPTIONS} schema-wide subscriptions of its schema,
 * of which 1% match, through the real {@link SubscriptionRegistry#dispatch} down to the hand-over
 * of the message to each matching session's (counting) transport.
 *
 * <p>Shapes of the subscriptions' filters ({@code shape}):
 *
 * <ul>
 *   <li>{@code eqShared}: {@code {"owner":O}} with 100 owners, so 100 distinct filters;
 *   <li>{@code eqDistinct}: {@code {"owner":O,"title":{"$neq":"x<i>"}}}, every filter distinct;
 *   <li>{@code inDistinct}: {@code {"owner":{"$in":[O,<1000+i>]}}}, every filter distinct;
 *   <li>{@code rangeDistinct}: {@code {"views":{"$gte":V,"$lt":V+1},"title":{"$neq":"x<i>"}}}, no
 *       equality an index could use.
 * </ul>
 *
 * <p>Run: {@code java -jar microbenchmarks/target/microbenchmarks.jar DispatchBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchBenchmark {

  static final int SUBSCRIPTIONS = 100_000;

  /** Owners (or view buckets) the subscriptions are spread over: 1 in 100 matches. */
  static final int BUCKETS = 100;

  static final int MATCHED_BUCKET = 7;

  @Param({"eqShared", "eqDistinct", "inDistinct", "rangeDistinct"})
  public String shape;

  private SubscriptionRegistry registry;
  private CountingTransport transport;
  private Delivery delivery;

  @Setup
  public void setUp() {
    registry = new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    transport = new CountingTransport();
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      ClientSession session =
          new ClientSession(
              PostFixture.subscription(PostFixture.view(filterOf(i), "")),
              transport,
              1024,
              1 << 20,
              registry);
      registry.add(session);
    }
    ObjectNode before = PostFixture.row(42, MATCHED_BUCKET, MATCHED_BUCKET, "published");
    ObjectNode after = before.deepCopy().put("title", "Post number 42, edited");
    delivery = Delivery.of(PostFixture.update(before, after));

    long sent = transport.messages;
    registry.dispatch(delivery);
    long matched = transport.messages - sent;
    if (matched != SUBSCRIPTIONS / BUCKETS) {
      throw new IllegalStateException(
          shape
              + ": the event matched "
              + matched
              + " of "
              + SUBSCRIPTIONS
              + " subscriptions, the workload needs "
              + SUBSCRIPTIONS / BUCKETS);
    }
  }

  private String filterOf(int i) {
    int bucket = i % BUCKETS;
    return switch (shape) {
      case "eqShared" -> "{\"owner\":" + bucket + "}";
      case "eqDistinct" -> "{\"owner\":" + bucket + ",\"title\":{\"$neq\":\"x" + i + "\"}}";
      case "inDistinct" -> "{\"owner\":{\"$in\":[" + bucket + "," + (1000 + i) + "]}}";
      case "rangeDistinct" ->
          "{\"views\":{\"$gte\":"
              + bucket
              + ",\"$lt\":"
              + (bucket + 1)
              + "},\"title\":{\"$neq\":\"x"
              + i
              + "\"}}";
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
  }

  @Benchmark
  public long dispatchOneEvent() {
    registry.dispatch(delivery);
    return transport.messages;
  }
}
