/**
 * Benchmarks that run as plain main classes against the real stack in one JVM. Each class's
 * Javadoc states its workload and the exact command; results go to
 * {@code benchmarks/target/results/} as JSON next to a printed table.
 */
package io.fastschema.realtime.benchmarks;
