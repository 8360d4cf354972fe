package io.fastschema.realtime.fanout.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FastSchema's wire format: {@code {"event":…,"data":…}}, keys in that order. */
class MessageEncoderTest {

  private final MessageEncoder encoder = new MessageEncoder(new ObjectMapper());

  @Test
  void singleRowMessageCarriesAnObject() {
    assertEquals(
        "{\"event\":\"create\",\"data\":{\"id\":1,\"title\":\"a\"}}",
        encoder.single(Operation.CREATE, encoder.rowJson(TestEvents.post(1, "a"))));
  }

  @Test
  void groupMessageCarriesAnArrayInTheGivenOrder() {
    assertEquals(
        "{\"event\":\"delete\",\"data\":[{\"id\":2},{\"id\":1}]}",
        encoder.array(Operation.DELETE, List.of("{\"id\":2}", "{\"id\":1}")));
    assertEquals(
        "{\"event\":\"update\",\"data\":[{\"id\":1}]}",
        encoder.array(Operation.UPDATE, List.of("{\"id\":1}")));
  }

  @Test
  void rowJsonKeepsFieldOrderAndEscapesText() {
    var row = TestEvents.post(3, "say \"hi\"\n");
    assertEquals("{\"id\":3,\"title\":\"say \\\"hi\\\"\\n\"}", encoder.rowJson(row));
  }
}
