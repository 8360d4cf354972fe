package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.benchmarks.receiver.FrameSink;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all load clients received, shared by them: each message is filed by the sequence number its
 * rows carry in {@code views} (see {@link RowValue}; read by the receivers' streaming scan, without
 * parsing the JSON); messages of the measured range go into the latency histogram, commit
 * acknowledged → received. No per-client arrays, so 20,000 clients cost a few bytes each here.
 *
 * <p>A FastSchema-strategy server re-queries the row when it sends, so a message may carry a later
 * write's value than the one that triggered it; it is then timed against that later write (which
 * favours the slower server) and the earlier write's delivery shows up as missing.
 *
 * <p>Thread-safe: the receivers' selector thread calls {@link #message}; the run thread reads.
 */
final class DeliveryTally implements FrameSink {

  private final WriteLog writes;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final LongAdder measuredMessages = new LongAdder();
  private final LongAdder measuredRows = new LongAdder();
  private final LongAdder otherMessages = new LongAdder();
  private final LongAdder unmatched = new LongAdder();

  /** Messages that arrived before the writer saw its commit acknowledged (timed from its start). */
  private final LongAdder beforeAck = new LongAdder();

  private final AtomicLong lastMeasuredArrival = new AtomicLong(Long.MIN_VALUE);
  private volatile int measuredFrom = Integer.MAX_VALUE;
  private volatile int measuredTo = Integer.MAX_VALUE;

  DeliveryTally(WriteLog writes) {
    this.writes = writes;
  }

  /** From now on, messages carrying {@code [from, to)} are measured. */
  void measure(int from, int to) {
    measuredTo = to;
    measuredFrom = from;
  }

  @Override
  public void message(long value, int rows, long arrivedNanos) {
    int seq = value < 0 ? -1 : RowValue.seqOf(value, writes.capacity());
    if (seq < 0) {
      unmatched.increment();
      return;
    }
    if (seq < measuredFrom || seq >= measuredTo) {
      otherMessages.increment();
      return;
    }
    long from = writes.ackNanos(seq);
    if (from == WriteLog.NONE || from > arrivedNanos) {
      beforeAck.increment();
      from = writes.startNanos(seq);
    }
    latency.record(arrivedNanos - from);
    measuredMessages.increment();
    measuredRows.add(rows);
    lastMeasuredArrival.accumulateAndGet(arrivedNanos, Math::max);
  }

  LatencyHistogram latency() {
    return latency;
  }

  long measuredMessages() {
    return measuredMessages.sum();
  }

  long measuredRows() {
    return measuredRows.sum();
  }

  long otherMessages() {
    return otherMessages.sum();
  }

  long unmatched() {
    return unmatched.sum();
  }

  long beforeAck() {
    return beforeAck.sum();
  }

  /** {@code System.nanoTime} of the last measured message, or {@code Long.MIN_VALUE}. */
  long lastMeasuredArrival() {
    return lastMeasuredArrival.get();
  }
}
