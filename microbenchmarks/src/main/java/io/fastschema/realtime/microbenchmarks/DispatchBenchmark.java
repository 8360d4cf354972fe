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
 * One update event matched against {@code subscriptions} schema-wide subscriptions of its schema,
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
 *       equality an index could use (an interval index does);
 *   <li>{@code rangeTime}: {@code {"published_at":{"$gte":T,"$lt":T+1h},"title":{"$neq":"x<i>"}}};
 *   <li>{@code likePrefix}: {@code {"title":{"$like":"Post number <P>%"},"body":{"$neq":"x<i>"}}};
 *   <li>{@code orEq}: {@code {"$or":[{"owner":O},{"owner":<1000+i>}]}}, every filter distinct;
 *   <li>{@code nullTest}: {@code {"body":{"$null":true},"title":{"$neq":"x<i>"}}} for the matching
 *       1 % (the event's row has no body), {@code {"published_at":{"$null":true},…}} for the rest
 *       (its row has a publication time): no equality and no interval, only {@code $null}.
 * </ul>
 *
 * <p>{@code subscriptions} defaults to 100,000; {@code -p subscriptions=1000000} runs the million
 * (needs the 6 GB heap the fork gets).
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
    jvmArgsAppend = {"-Xms1g", "-Xmx6g"})
public class DispatchBenchmark {

  @Param({"100000"})
  public int subscriptions;

  /** Owners (or view buckets) the subscriptions are spread over: 1 in 100 matches. */
  static final int BUCKETS = 100;

  static final int MATCHED_BUCKET = 7;

  /** An owner, view count and time no subscription asks for ({@code matching=none}). */
  static final int UNMATCHED_BUCKET = 500;

  /**
   * {@code onePercent}: the event matches 1 % of the subscriptions (the workload above); {@code
   * none}: it matches none, so what is left is the index's own cost, which must not grow with the
   * subscriptions.
   */
  @Param({"onePercent", "none"})
  public String matching;

  @Param({
    "eqShared",
    "eqDistinct",
    "inDistinct",
    "rangeDistinct",
    "rangeTime",
    "likePrefix",
    "orEq",
    "nullTest"
  })
  public String shape;

  private SubscriptionRegistry registry;
  private CountingTransport transport;
  private Delivery delivery;

  @Setup
  public void setUp() {
    registry = new SubscriptionRegistry(new MessageEncoder(new ObjectMapper()));
    transport = new CountingTransport();
    for (int i = 0; i < subscriptions; i++) {
      ClientSession session =
          new ClientSession(
              PostFixture.subscription(PostFixture.view(filterOf(i), "")),
              transport,
              1024,
              1 << 20,
              registry);
      registry.add(session);
    }
    boolean none = matching.equals("none");
    long bucket = none ? UNMATCHED_BUCKET : MATCHED_BUCKET;
    ObjectNode before = PostFixture.row(42, bucket, (int) bucket, "published");
    if (none) {
      before.put("title", "Unrelated 42").put("published_at", "2031-01-01T00:00:00Z");
    } else if (shape.equals("nullTest")) {
      before.remove("body");
    }
    ObjectNode after = before.deepCopy().put("title", before.get("title").asText() + ", edited");
    delivery = Delivery.of(PostFixture.update(before, after));

    long sent = transport.messages;
    registry.dispatch(delivery);
    long matched = transport.messages - sent;
    long wanted = none ? 0 : subscriptions / BUCKETS;
    if (matched != wanted) {
      throw new IllegalStateException(
          shape
              + ": the event matched "
              + matched
              + " of "
              + subscriptions
              + " subscriptions, the workload needs "
              + wanted);
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
      case "rangeTime" ->
          "{\"published_at\":{\"$gte\":\""
              + hourAfter(bucket)
              + "\",\"$lt\":\""
              + hourAfter(bucket + 1)
              + "\"},\"title\":{\"$neq\":\"x"
              + i
              + "\"}}";
      case "likePrefix" ->
          "{\"title\":{\"$like\":\"Post number "
              + (bucket == MATCHED_BUCKET ? "42" : "9" + bucket)
              + "%\"},\"body\":{\"$neq\":\"x"
              + i
              + "\"}}";
      case "orEq" -> "{\"$or\":[{\"owner\":" + bucket + "},{\"owner\":" + (1000 + i) + "}]}";
      case "nullTest" ->
          "{\""
              + (bucket == MATCHED_BUCKET ? "body" : "published_at")
              + "\":{\"$null\":true},\"title\":{\"$neq\":\"x"
              + i
              + "\"}}";
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
  }

  /** Bucket b is the hour from 03:00 + b h: the event's 10:00 falls in bucket 7. */
  private static String hourAfter(int bucket) {
    return java.time.Instant.parse("2024-05-01T03:00:00Z").plusSeconds(3600L * bucket).toString();
  }

  @Benchmark
  public long dispatchOneEvent() {
    registry.dispatch(delivery);
    return transport.messages;
  }
}
