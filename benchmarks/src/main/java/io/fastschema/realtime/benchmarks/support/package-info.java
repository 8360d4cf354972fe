/**
 * Plumbing shared by the throughput benchmarks ({@code ceiling}, {@code ingest}): {@code key=value}
 * arguments, where result files go, quiet logging. No measurement logic.
 *
 * <p>May import: the JDK, and product settings types (cdc-ingest's {@code IngestConfig}) to
 * describe a run.
 */
package io.fastschema.realtime.benchmarks.support;
