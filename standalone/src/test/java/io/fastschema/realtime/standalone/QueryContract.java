package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.testing.WebSocketProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** filter and select end to end (spec 5), on every event type, deletes included. */
abstract class QueryContract extends StackContract {

  @Test
  void filterDecidesEveryEventTypeIncludingDeletesOnTheBeforeImage() throws Exception {
    String m = marker();
    try (WebSocketProbe probe =
        subscribe(
            "schema=blog&filter="
                + q("{\"views\":{\"$gte\":100},\"title\":{\"$like\":\"" + m + "%\"}}"))) {
      long low = insertBlog(m + "-low");
      long high = insertBlog(m + "-high");
      sql("UPDATE blogs SET views = 500 WHERE id = ?", high);
      JsonNode update = awaitJson(probe, "update", m);
      assertEquals(List.of(high), ids(update.get("data")));
      sql("UPDATE blogs SET views = 5 WHERE id = ?", low);
      sql("DELETE FROM blogs WHERE id IN (?, ?)", low, high);
      JsonNode delete = awaitJson(probe, "delete", m);
      assertEquals(List.of(high), ids(delete.get("data")), "the low row's delete is filtered out");
      assertNull(
          poll(probe, x -> x.contains(m + "-low"), QUIET),
          "no event of a row outside the filter, of any type");
    }
  }

  @Test
  void selectShapesEveryEventTypeIncludingDeletes() throws Exception {
    String m = marker();
    try (WebSocketProbe probe = subscribe("schema=blog&select=title,views")) {
      long id = insertBlog(m);
      JsonNode create = awaitJson(probe, "create", m);
      assertEquals(List.of("id", "title", "views"), names(create.get("data")));
      sql("UPDATE blogs SET views = 3 WHERE id = ?", id);
      assertEquals(
          List.of("id", "title", "views"), names(awaitJson(probe, "update", m).get("data").get(0)));
      sql("DELETE FROM blogs WHERE id = ?", id);
      assertEquals(
          List.of("id", "title", "views"),
          names(awaitJson(probe, "delete", m).get("data").get(0)),
          "no column outside select, deletes included");
    }
  }

  @Test
  void badFilterOrSelectClosesWith4400AndFastSchemasText() throws Exception {
    try (WebSocketProbe p = subscribe("schema=blog&filter=" + q("{\"views\":{\"$gt\":\"x\"}}"))) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(
          close.reason().startsWith("realtime.content: invalid filter: filter error: "),
          close.reason());
    }
    try (WebSocketProbe p = subscribe("schema=blog&filter=" + q("[1]"))) {
      assertEquals(4400, p.awaitClose(WAIT).code());
    }
    try (WebSocketProbe p = subscribe("schema=blog&select=title,nope")) {
      var close = p.awaitClose(WAIT);
      assertEquals(4400, close.code());
      assertTrue(close.reason().contains("nope"), close.reason());
    }
  }
}
