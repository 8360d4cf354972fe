package io.fastschema.realtime.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link SharedServicesExtension} for the run's MariaDB services instead of the PostgreSQL
 * ones: a real MariaDB 11.4 (started on first use, once per test JVM) with the sample app in
 * FastSchema's MySQL layout, the same Kafka broker, and its own app directory.
 *
 * <pre>{@code
 * @Test
 * void updateReachesKafka(@MariaDb SharedServices services) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MariaDb {}
