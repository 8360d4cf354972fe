/**
 * Plumbing shared by the throughput benchmarks ({@code ceiling}, {@code ingest}): {@code key=value}
 * arguments, where result files go, quiet logging. No measurement logic.
 */
package io.fastschema.realtime.benchmarks.support;
