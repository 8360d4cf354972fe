package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The resume contract on embedded PostgreSQL and the in-process Kafka broker (always runs). */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedResumeTest extends ResumeContract {}
