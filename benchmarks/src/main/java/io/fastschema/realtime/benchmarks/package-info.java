/**
 * Benchmarks that run as plain main classes against the real stack in one JVM. Each class's Javadoc
 * states its workload and the exact command; results go to {@code benchmarks/target/results/} as
 * JSON next to a printed table.
 *
 * <p>May import: every product module through its public face ({@code FanoutMain}, {@code
 * FanoutConfig}, standalone's {@code Pipeline}, ingest's settings), embedded-services,
 * test-support, and its {@code support} package.
 */
package io.fastschema.realtime.benchmarks;
