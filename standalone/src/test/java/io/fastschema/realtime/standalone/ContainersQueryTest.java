package io.fastschema.realtime.standalone;

import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link QueryContract} on PostgreSQL and Kafka containers; skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(ContainerServicesExtension.class)
class ContainersQueryTest extends QueryContract {}
