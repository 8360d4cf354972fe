package io.fastschema.realtime.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fastschema.realtime.testing.HeadlessChromium;
import io.fastschema.realtime.testing.SharedServicesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live console in a real browser (Debian's chromium, headless): SQL changes appear on the page
 * as table rows marked create / update / delete, and a refused subscription shows the server's
 * reason. Runs wherever chromium is on the PATH; CI installs it, so there a missing browser fails.
 * Leaves a screenshot in {@code standalone/target/console.png}.
 */
@ExtendWith(SharedServicesExtension.class)
class EmbeddedConsoleBrowserTest extends StackContract {

  private static String byId(String id) {
    return "document.getElementById('" + id + "')";
  }

  @Test
  void sqlChangesAppearOnThePageAndRefusalsShowTheirReason() throws Exception {
    Optional<Path> chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("no chromium on the PATH; .ci/run installs Debian's chromium");
      }
      Assumptions.abort("no chromium on the PATH (apt-get install chromium); console not tested");
    }
    String m = marker();
    try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
      browser.open("http://127.0.0.1:" + pipeline.port() + "/#token=" + token);
      assertEquals(token, browser.evaluate(byId("token") + ".value").asText(), "prefilled");
      browser.evaluate(
          byId("filter")
              + ".value = '{\"title\":{\"$like\":\""
              + m
              + "%\"}}'; "
              + byId("connect")
              + ".click(); true");
      browser.await(byId("status") + ".className === 'open'", WAIT);

      long id = insertBlog(m);
      sql("UPDATE blogs SET views = views + 1 WHERE id = ?", id);
      sql("DELETE FROM blogs WHERE id = ?", id);

      browser.awaitValue(
          "document.querySelectorAll('#messages tr').length", v -> v.asInt() >= 3, WAIT);
      JsonNode kinds =
          browser.evaluate(
              "[...document.querySelectorAll('#messages tr')].map(r => r.className.split(' ')[0])");
      List<String> newestFirst = new ArrayList<>();
      kinds.forEach(k -> newestFirst.add(k.asText()));
      assertEquals(List.of("delete", "update", "create"), newestFirst);
      assertTrue(
          browser.evaluate(byId("messages") + ".innerText").asText().contains(m),
          "the rows are shown");
      browser.awaitValue(
          byId("stat-connections") + ".textContent", v -> v.asText().matches("[1-9][0-9]*"), WAIT);
      Path shot = Path.of("target", "console.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, browser.screenshot());

      browser.evaluate(
          byId("filter") + ".value = '{\"nope\":1}'; " + byId("connect") + ".click(); true");
      browser.await(byId("status") + ".textContent.includes('4400')", WAIT);
      assertTrue(
          browser.evaluate(byId("status") + ".textContent").asText().contains("nope"),
          "the server's reason is shown");
    }
  }
}
