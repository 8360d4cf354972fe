package io.fastschema.realtime.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageExpectationTest {

  private static MessageExpectation event(
      String event,
      String data,
      int rows,
      List<String> keys,
      Map<String, String> values,
      List<String> ids) {
    return new MessageExpectation(
        null, event, data, rows, keys, null, List.of(), List.of(), values, ids);
  }

  @Test
  void matchingUpdateArrayPasses() {
    var e =
        event(
            "update", "array", 2, List.of("id", "title"), Map.of("title", "t"), List.of("1", "2"));
    assertEquals(
        Optional.empty(),
        e.mismatch(
            "{\"event\":\"update\",\"data\":[{\"id\":1,\"title\":\"t\"},{\"id\":2,\"title\":\"t\"}]}"));
  }

  @Test
  void objectInsteadOfArrayIsReported() {
    var e = event("update", "array", -1, null, Map.of(), null);
    var m = e.mismatch("{\"event\":\"update\",\"data\":{\"id\":1}}");
    assertTrue(m.orElseThrow().contains("data is object instead of array"), m.get());
  }

  @Test
  void envelopeMustBeExactlyEventThenData() {
    var e = event("create", "object", -1, null, Map.of(), null);
    assertTrue(e.mismatch("{\"data\":{},\"event\":\"create\"}").isPresent());
    assertTrue(e.mismatch("{\"event\":\"create\",\"data\":{},\"cursor\":\"1\"}").isPresent());
    assertTrue(e.mismatch("failed to serialize message").isPresent());
  }

  @Test
  void keysAreExactAndOrdered() {
    var e = event("delete", "array", 1, List.of("id", "title", "views"), Map.of(), null);
    var m = e.mismatch("{\"event\":\"delete\",\"data\":[{\"id\":1,\"views\":2,\"title\":\"t\"}]}");
    assertTrue(m.isPresent());
  }

  @Test
  void absentAndPresentKeysAreChecked() {
    var e =
        new MessageExpectation(
            null,
            "create",
            "object",
            1,
            null,
            "id",
            List.of("email"),
            List.of("password"),
            Map.of(),
            null);
    var m = e.mismatch("{\"event\":\"create\",\"data\":{\"id\":\"u\",\"password\":\"h\"}}");
    assertTrue(
        m.orElseThrow().contains("key email missing")
            && m.get().contains("key password " + "present"),
        m.get());
  }

  @Test
  void rawTextIsComparedExactlyAfterPlaceholders() {
    var e =
        new MessageExpectation(
                "hello {{marker}}",
                null,
                null,
                -1,
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null)
            .resolve(s -> s.replace("{{marker}}", "m1"));
    assertEquals(Optional.empty(), e.mismatch("hello m1"));
    assertTrue(e.mismatch("hello m2").isPresent());
  }
}
