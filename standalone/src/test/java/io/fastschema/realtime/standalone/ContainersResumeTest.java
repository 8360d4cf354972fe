package io.fastschema.realtime.standalone;

import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same resume contract on a PostgreSQL and a Kafka container. Runs where a Docker engine
 * exists; elsewhere JUnit reports it skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerServicesExtension.class)
class ContainersResumeTest extends ResumeContract {}
