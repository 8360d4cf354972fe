/**
 * What every process's lifecycle shares: {@code ReadinessProbe} (why a process is not ready, or
 * null) and {@code ShutdownDeadline}.
 *
 * <p>May import: the JDK only.
 */
package io.fastschema.realtime.lifecycle;
