package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.lifecycle.ReadinessProbe;

/**
 * Why the live stream is not ready yet (no topics, access control still loading, the consumer
 * failed), or that the node is stopping. Written by the consumer thread, read by handshakes and
 * {@code /readyz}.
 *
 * <p>Thread-safe.
 */
final class StreamReadiness implements ReadinessProbe {

  private volatile String notReadyBecause = "Kafka consumer not started";

  /** Set once the node begins to stop; wins over whatever the consumer thread sets. */
  private volatile boolean draining;

  void notReady(String because) {
    notReadyBecause = because;
  }

  void ready() {
    notReadyBecause = null;
  }

  void drain() {
    draining = true;
  }

  @Override
  public String notReadyBecause() {
    return draining ? "node shutting down" : notReadyBecause;
  }
}
