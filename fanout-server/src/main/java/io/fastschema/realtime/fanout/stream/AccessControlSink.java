package io.fastschema.realtime.fanout.stream;

/**
 * Receives the access-control topic's records (roles, permissions, memberships), on the consumer
 * thread; {@link #flush()} after each poll that brought some, and once the topic was read whole.
 */
public interface AccessControlSink {

  void apply(String key, byte[] value);

  void flush();
}
