package io.fastschema.realtime.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link SharedServicesExtension} for the run's MySQL services: a MySQL container ({@link
 * MySqlContainerServer}, {@code mysql:8.4} unless {@code -Dfastschema.test.mysql.image} names
 * another) with the sample app in FastSchema's MySQL layout (uuids as {@code char(36)}), the run's
 * Kafka broker, and its own app directory. Needs a Docker engine: put
 * {@code @Testcontainers(disabledWithoutDocker = true)} on the test class so that it is reported
 * skipped where none runs.
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * @ExtendWith(SharedServicesExtension.class)
 * class MySqlBlogEventsTest {
 *   @Test
 *   void updateReachesKafka(@MySql SharedServices services) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MySql {}
