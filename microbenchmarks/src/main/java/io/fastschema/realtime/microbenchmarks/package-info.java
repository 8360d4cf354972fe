/**
 * JMH benchmarks of fanout's hot path without I/O, through the real classes: dispatch to many
 * subscribers, encoding, filter evaluation.
 *
 * <p>May import: JMH, shared-model, and fanout's public hub types ({@code SubscriptionRegistry},
 * {@code ClientSession}, {@code MessageEncoder}, {@code Subscription}) and {@code Transport}.
 */
package io.fastschema.realtime.microbenchmarks;
