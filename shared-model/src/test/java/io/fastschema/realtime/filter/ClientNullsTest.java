package io.fastschema.realtime.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.event.ClientNulls;
import org.junit.jupiter.api.Test;

/** Events carry NULL; clients see FastSchema's values for NULL uint and uuid columns. */
class ClientNullsTest {

  private final ClientNulls nulls = ClientNulls.of(FilterFixtures.post());

  @Test
  void nullUintAndUuidBecomeFastSchemasValuesInPlace() {
    ObjectNode row =
        FilterFixtures.row(
            "{\"id\": \"0195f0a0-1111-7000-8000-000000000002\", \"name\": \"n\", \"stock\": null,"
                + " \"ref\": null, \"blob\": null, \"category_id\": null}");
    assertEquals(
        "{\"id\":\"0195f0a0-1111-7000-8000-000000000002\",\"name\":\"n\",\"stock\":0,"
            + "\"ref\":\"00000000-0000-0000-0000-000000000000\",\"blob\":null,"
            + "\"category_id\":\"00000000-0000-0000-0000-000000000000\"}",
        nulls.apply(row).toString(),
        "key order kept, bytes stay null");
    assertEquals("null", row.get("stock").toString(), "the event's row is not changed");
  }

  @Test
  void aRowWithoutSuchNullsIsReturnedAsItIs() {
    ObjectNode row =
        FilterFixtures.row(
            "{\"id\": \"0195f0a0-1111-7000-8000-000000000002\","
                + " \"stock\": 3, \"blob\": null}");
    assertSame(row, nulls.apply(row));
  }
}
