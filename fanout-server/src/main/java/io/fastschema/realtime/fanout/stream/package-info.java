/**
 * The stream layer: everything that reads Kafka. {@code KafkaEventSource} runs the live stream on
 * the thread {@code fanout-kafka} (topic discovery, the access-control topic, lag gauges), every
 * reader decodes through a {@code TopicReader} into a {@code TopicSequencer} per topic (grouping,
 * per-partition order, duplicate drop, {@code StreamPosition}s and their {@code ResumeCursor}
 * text), and {@code TopicReplay} reads one topic from a client's cursor. Deliveries leave through a
 * {@link io.fastschema.realtime.fanout.stream.Dispatcher}; sessions joining the live stream get a
 * {@link io.fastschema.realtime.fanout.stream.LiveStream} view between two deliveries.
 *
 * <p>May import: Kafka clients, shared-model, and the root package's vocabulary (metrics). Never
 * {@code hub}, {@code jetty}, {@code auth} or {@code access}: the stream knows no client session
 * (checked by architecture-tests).
 */
package io.fastschema.realtime.fanout.stream;
