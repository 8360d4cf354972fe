package io.fastschema.realtime.fanout.jetty;

import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.EncodedText;
import io.fastschema.realtime.fanout.Transport;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * {@link Transport} over a Jetty core WebSocket session.
 *
 * <p>Messages go to the session as frames over the message's shared UTF-8 bytes ({@link
 * EncodedText}): nothing is encoded again for every client. A batch goes to Jetty as one {@link
 * CoalescedTextFrames}: the messages' frames built in one pooled buffer, so Jetty's per-frame work
 * is done once per batch and the batch leaves in one write. Every message still is one complete
 * text frame on the wire, so clients see exactly the messages they saw before. A batch holding a
 * message larger than the session's maximum frame size (which Jetty fragments) goes frame by frame
 * instead.
 */
final class JettyTransport implements Transport {

  private final CoreSession core;

  /**
   * The client's address, read at the open (the channel refuses it once closed, when it is still
   * logged); formatted only when asked: a string per connection was 60 bytes of idle heap each.
   */
  private final SocketAddress remote;

  JettyTransport(CoreSession core) {
    this.core = core;
    this.remote = core.getRemoteAddress();
  }

  @Override
  public void send(EncodedText text, SendCallback done) {
    core.sendFrame(frameOf(text), new SendCompletion(done), false);
  }

  @Override
  public void sendBatch(List<EncodedText> texts, SendCallback done) {
    if (texts.size() > 1 && everyFitsOneFrame(texts)) {
      sendCoalesced(texts, done);
      return;
    }
    BatchCompletion completion = new BatchCompletion(texts.size(), done);
    int last = texts.size() - 1;
    for (int i = 0; i <= last; i++) {
      core.sendFrame(frameOf(texts.get(i)), completion, i < last);
    }
  }

  /**
   * One Jetty frame per {@link CoalescedTextFrames#MAX_BYTES} of the batch: one for every batch a
   * session takes (64 KiB of messages at most), more only for batches larger than that.
   */
  private void sendCoalesced(List<EncodedText> texts, SendCallback done) {
    List<CoalescedTextFrames> parts = new ArrayList<>(2);
    for (int from = 0; from < texts.size(); ) {
      CoalescedTextFrames part = CoalescedTextFrames.of(texts, from, core.getByteBufferPool());
      parts.add(part);
      from += part.messages();
    }
    BatchCompletion completion = new BatchCompletion(parts.size(), done);
    for (CoalescedTextFrames part : parts) {
      core.sendFrame(part, new Releasing(part, completion), false);
    }
  }

  private boolean everyFitsOneFrame(List<EncodedText> texts) {
    long maxFrame = core.getMaxFrameSize();
    if (maxFrame <= 0) {
      return true;
    }
    for (EncodedText text : texts) {
      if (text.length() > maxFrame) {
        return false;
      }
    }
    return true;
  }

  /** Gives a part's buffer back, then completes it. */
  private record Releasing(CoalescedTextFrames part, Callback done) implements Callback {
    @Override
    public void succeeded() {
      part.release();
      done.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
      part.release();
      done.failed(cause);
    }
  }

  /**
   * A whole text frame over the message's shared bytes: nothing is encoded or copied per client.
   */
  private static Frame frameOf(EncodedText text) {
    return new Frame(OpCode.TEXT, true, text.payload());
  }

  /** Adapts one frame's completion to the session's callback. */
  private record SendCompletion(SendCallback done) implements Callback {
    @Override
    public void succeeded() {
      done.succeeded();
    }

    @Override
    public void failed(Throwable cause) {
      done.failed(cause);
    }
  }

  @Override
  public void close(int code, String reason) {
    core.close(code, CloseReason.fit(reason), Callback.NOOP);
  }

  @Override
  public String remote() {
    return String.valueOf(remote);
  }

  /**
   * Completes a batch once every frame of it completed: Jetty completes each frame exactly once, in
   * order, and fails every frame queued after a failed write.
   */
  private static final class BatchCompletion implements Callback {
    private final AtomicInteger pending;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final SendCallback done;

    BatchCompletion(int frames, SendCallback done) {
      this.pending = new AtomicInteger(frames);
      this.done = done;
    }

    @Override
    public void succeeded() {
      frameDone();
    }

    @Override
    public void failed(Throwable cause) {
      firstFailure.compareAndSet(null, cause);
      frameDone();
    }

    private void frameDone() {
      if (pending.decrementAndGet() != 0) {
        return;
      }
      Throwable failure = firstFailure.get();
      if (failure == null) {
        done.succeeded();
      } else {
        done.failed(failure);
      }
    }
  }
}
