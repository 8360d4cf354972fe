package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TruncateContract} on embedded PostgreSQL and the in-process Kafka broker. */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedTruncateTest extends TruncateContract {}
