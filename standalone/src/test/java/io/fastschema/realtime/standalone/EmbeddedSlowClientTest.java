package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The slow-client contract on embedded PostgreSQL and the in-process Kafka broker. */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedSlowClientTest extends SlowClientContract {}
