/**
 * The hub: who wants what, and their queues. {@code SubscriptionRegistry} indexes every open
 * subscription (by schema, {@code event} slot and filter key, or record key) so that a delivery
 * reaches only the sessions that may want it, encoding each distinct message once ({@code
 * DeliveryMessages}, {@code ViewGroup}); {@code ClientSession} is one connection's bounded queue
 * with one send in flight; {@code PollDispatcher} is the live stream's route in; {@code
 * SessionReplays} and {@code LiveHandOver} bring resuming sessions up to the live stream; {@code
 * AccessEnforcer} closes sessions whose access was revoked or whose token expired; {@code
 * SubscriptionRequest} reads a handshake's arguments.
 *
 * <p>May import: {@code stream} (deliveries, positions, the Dispatcher it implements), {@code
 * auth}, {@code access}, the root package's vocabulary, shared-model. Never {@code jetty}, Jetty or
 * Kafka: sessions write through {@code Transport} (checked by architecture-tests).
 */
package io.fastschema.realtime.fanout.hub;
