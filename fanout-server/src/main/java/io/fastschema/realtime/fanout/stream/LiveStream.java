package io.fastschema.realtime.fanout.stream;

import java.util.List;

/**
 * The live stream as a session joining it sees it. Only valid inside {@link
 * KafkaEventSource#betweenDeliveries}: on the consumer thread, between two deliveries, which is
 * what makes a hand-over exact (no delivery is missed or seen twice).
 */
public interface LiveStream {

  /**
   * Where the live stream of a topic stands; a topic not read yet will be read from its beginning
   * when it is found.
   */
  StreamPosition position(String topic);

  /**
   * How many partitions of a topic the live stream reads, or -1 for a topic it does not read yet.
   */
  int partitions(String topic);

  /**
   * The recent deliveries of a topic that a reader at {@code from} has not had, oldest first; null
   * when some of them are no longer kept, or when they are more than {@code limit}.
   */
  List<Delivery> recentAfter(String topic, StreamPosition from, int limit);
}
