package io.fastschema.realtime.microbenchmarks;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import java.util.List;

/**
 * A {@link Transport} that completes every send at once and only counts: what is measured is the
 * hub's work up to the hand-over to the connection, never I/O.
 *
 * <p>Not thread-safe: benchmarks dispatch on one thread, as the Kafka consumer does.
 */
final class CountingTransport implements Transport {

  /** Messages handed over (a batch counts each of its messages). */
  long messages;

  @Override
  public void send(EncodedText text, SendCallback done) {
    messages++;
    done.succeeded();
  }

  @Override
  public void sendBatch(List<EncodedText> texts, SendCallback done) {
    messages += texts.size();
    done.succeeded();
  }

  @Override
  public void close(int code, String reason) {
    throw new IllegalStateException(
        "a benchmark session was closed with "
            + code
            + " "
            + reason
            + " after "
            + messages
            + " messages: its queue bound is too small for the workload");
  }

  @Override
  public String remote() {
    return "bench";
  }
}
