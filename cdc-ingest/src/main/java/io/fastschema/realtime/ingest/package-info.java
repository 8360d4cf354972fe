/**
 * cdc-ingest: FastSchema's database changes into record events on Kafka. {@code IngestService}
 * wires the lifecycle ({@code IngestLifecycle}), the {@code LeadershipLoop} over the {@code
 * LeadershipLock}, the {@code EngineRunner} that runs and restarts the Debezium engine, and the
 * {@code ReplicationSlot} queries; {@code ChangeBatchPublisher} turns Debezium batches into events
 * ({@code ChangeNormalizer}, {@code RowEncoder}, {@code GroupMarker}) and publishes them,
 * committing only what Kafka acknowledged.
 *
 * <p>May import: Debezium, Kafka clients, the PostgreSQL driver, shared-model, Micrometer. Never
 * fanout, standalone or embedded-services (checked by architecture-tests).
 */
package io.fastschema.realtime.ingest;
