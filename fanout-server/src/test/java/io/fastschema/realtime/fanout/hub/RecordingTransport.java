package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link Transport} whose sends complete only when the test says so ({@link
 * #completeNext()}, {@link #failNext}), or at once in {@link #autoComplete} mode. It records every
 * message handed to it (as text, and the very {@link EncodedText} instances), every close, and how
 * many sends were in flight at once, so that "one send in flight" and the queue policy can be
 * asserted deterministically. A batch is one call: one completion for all its texts.
 *
 * <p>Thread-safe; callbacks are always run outside its lock, as a real transport would.
 */
final class RecordingTransport implements Transport {

  /** A close the session asked for. */
  record Close(int code, String reason) {}

  private final String remote;

  /** Counts calls of every method on every transport sharing it; lets a test see "untouched". */
  private final AtomicLong touches;

  private final boolean autoComplete;

  /** Every text passed to send or sendBatch, in call order; guarded by this. */
  private final List<String> sent = new ArrayList<>();

  /** The same messages as handed over (shared instances); guarded by this. */
  private final List<EncodedText> sentEncoded = new ArrayList<>();

  /** Every call's texts: one per send, the batch's texts per sendBatch; guarded by this. */
  private final List<List<String>> calls = new ArrayList<>();

  /** Callbacks of sends not completed yet, oldest first; guarded by this. */
  private final ArrayDeque<SendCallback> inFlight = new ArrayDeque<>();

  /** Closes requested; guarded by this. */
  private final List<Close> closes = new ArrayList<>();

  /** Most sends ever in flight at once; guarded by this. */
  private int maxInFlight;

  RecordingTransport() {
    this("test-peer", new AtomicLong(), false);
  }

  RecordingTransport(String remote, AtomicLong touches, boolean autoComplete) {
    this.remote = remote;
    this.touches = touches;
    this.autoComplete = autoComplete;
  }

  /** A transport that completes every send successfully before {@code send} returns. */
  static RecordingTransport autoCompleting() {
    return new RecordingTransport("test-peer", new AtomicLong(), true);
  }

  @Override
  public void send(EncodedText text, SendCallback done) {
    record(List.of(text), done);
  }

  @Override
  public void sendBatch(List<EncodedText> texts, SendCallback done) {
    if (texts.size() < 2) {
      throw new AssertionError("a batch of " + texts.size() + " should have been a send");
    }
    // Copied: the session may reuse the list once the call returns or completes.
    record(List.copyOf(texts), done);
  }

  private void record(List<EncodedText> encoded, SendCallback done) {
    touches.incrementAndGet();
    List<String> texts = encoded.stream().map(EncodedText::text).toList();
    synchronized (this) {
      sent.addAll(texts);
      sentEncoded.addAll(encoded);
      calls.add(texts);
      inFlight.addLast(done);
      maxInFlight = Math.max(maxInFlight, inFlight.size());
    }
    if (autoComplete) {
      completeNext();
    }
  }

  @Override
  public void close(int code, String reason) {
    touches.incrementAndGet();
    synchronized (this) {
      closes.add(new Close(code, reason));
    }
  }

  @Override
  public String remote() {
    touches.incrementAndGet();
    return remote;
  }

  /** Completes the oldest send in flight successfully; false when none was in flight. */
  boolean completeNext() {
    SendCallback done;
    synchronized (this) {
      done = inFlight.pollFirst();
    }
    if (done == null) {
      return false;
    }
    done.succeeded();
    return true;
  }

  /** Completes sends one by one until none is in flight; returns how many it completed. */
  int completeAll() {
    int n = 0;
    while (completeNext()) {
      n++;
    }
    return n;
  }

  /** Fails the oldest send in flight. */
  void failNext(Throwable cause) {
    SendCallback done;
    synchronized (this) {
      done = inFlight.pollFirst();
    }
    if (done == null) {
      throw new AssertionError("no send in flight to fail");
    }
    done.failed(cause);
  }

  synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  /** What {@link #sent} holds, as the instances handed over. */
  synchronized List<EncodedText> sentEncoded() {
    return List.copyOf(sentEncoded);
  }

  synchronized int sendCount() {
    return sent.size();
  }

  /** The texts of each transport call (send or batch), in call order. */
  synchronized List<List<String>> calls() {
    return List.copyOf(calls);
  }

  synchronized int inFlight() {
    return inFlight.size();
  }

  synchronized int maxInFlight() {
    return maxInFlight;
  }

  synchronized List<Close> closes() {
    return List.copyOf(closes);
  }
}
