/**
 * Configuration definitions shared by every process: a {@code Setting} per key (name, environment
 * variable, type, default, doc, validation), read all at once by {@code ConfigReader} from a {@code
 * ConfigSource}, every problem reported together; {@code DatabaseConfig} and {@code
 * CommonSettings}.
 *
 * <p>May import: the JDK only.
 */
package io.fastschema.realtime.config;
