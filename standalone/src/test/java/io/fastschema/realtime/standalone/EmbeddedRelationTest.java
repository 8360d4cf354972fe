package io.fastschema.realtime.standalone;

import io.fastschema.realtime.testing.SharedServicesExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RelationContract} on embedded PostgreSQL and the in-process Kafka broker. */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedRelationTest extends RelationContract {}
