package io.fastschema.realtime.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseCatalogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shippedTableLoadsAndEveryCaseNamesItsSource() {
    List<CompatCase> cases = CaseCatalog.load();
    assertTrue(cases.size() > 100, "cases: " + cases.size());
    for (CompatCase c : cases) {
      assertFalse(c.spec().isBlank(), c.id());
      assertFalse(c.description().isBlank(), c.id());
      assertTrue(c.knownGap() == null || !c.knownGap().isBlank(), c.id());
    }
  }

  @Test
  void shippedTableCoversTheRequiredSections() {
    List<CompatCase> cases = CaseCatalog.load();
    for (String section :
        List.of(
            "1.4 schema",
            "1.4 event",
            "1.4 id",
            "1.4 select",
            "1.4 filter",
            "1.7",
            "2.3 row 1",
            "2.3 row 2",
            "2.3 row 3",
            "2.3 row 4",
            "3.3 step 2",
            "3.3 step 4",
            "3.3 step 5b",
            "3.3 step 5c",
            "3.3 step 6",
            "fix:")) {
      assertTrue(cases.stream().anyMatch(c -> c.spec().contains(section)), section);
    }
  }

  @Test
  void unknownKeysAreRefusedNamingTheCase() throws Exception {
    var root =
        JSON.readTree(
            "{\"cases\":[{\"id\":\"x\",\"spec\":\"s\",\"description\":\"d\","
                + "\"handshake\":{\"token\":\"root\",\"qurey\":\"schema=blog\"},\"expect\":{\"open\":true}}]}");
    var e = assertThrows(IllegalArgumentException.class, () -> CaseCatalog.parse(root));
    assertTrue(
        e.getMessage().contains("case 'x'") && e.getMessage().contains("qurey"), e.getMessage());
  }

  @Test
  void stepsNeedAnOpenConnection() throws Exception {
    var root =
        JSON.readTree(
            "{\"cases\":[{\"id\":\"x\",\"spec\":\"s\",\"description\":\"d\","
                + "\"handshake\":{\"token\":\"root\"},\"expect\":{\"close\":{\"code\":4400,\"reason\":\"r\"}},"
                + "\"steps\":[{\"quiet_ms\":10}]}]}");
    assertThrows(IllegalArgumentException.class, () -> CaseCatalog.parse(root));
  }

  @Test
  void duplicateIdsAreRefused() throws Exception {
    String one =
        "{\"id\":\"x\",\"spec\":\"s\",\"description\":\"d\","
            + "\"handshake\":{\"token\":\"root\"},\"expect\":{\"open\":true}}";
    var root = JSON.readTree("{\"cases\":[" + one + "," + one + "]}");
    var e = assertThrows(IllegalArgumentException.class, () -> CaseCatalog.parse(root));
    assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
  }

  @Test
  void closeExpectationKeepsCodeReasonAndSubprotocol() throws Exception {
    var root =
        JSON.readTree(
            "{\"cases\":[{\"id\":\"x\",\"spec\":\"s\",\"description\":\"d\","
                + "\"handshake\":{\"token\":\"none\"},\"expect\":{\"close\":{\"code\":4401,"
                + "\"reason\":\"[401] Unauthorized\"},\"subprotocol\":null}}]}");
    var close = (CompatCase.Close) CaseCatalog.parse(root).get(0).expect();
    assertEquals(4401, close.code());
    assertEquals("[401] Unauthorized", close.reason());
    assertEquals("", close.subprotocol(), "null means: no subprotocol selected");
  }

  @Test
  void onMySqlTheCaseTakesItsMySqlFormAndOnPostgreSqlItsOwn() throws Exception {
    var root =
        JSON.readTree(
            "{\"cases\":[{\"id\":\"x\",\"spec\":\"s\",\"description\":\"pg\","
                + "\"handshake\":{\"token\":\"root\"},\"expect\":{\"open\":true},"
                + "\"steps\":[{\"quiet_ms\":10}],"
                + "\"on_mysql\":{\"why\":\"collation\",\"description\":\"my\","
                + "\"steps\":[{\"quiet_ms\":20},{\"quiet_ms\":30}]}}]}");
    CompatCase pg = CaseCatalog.parse(root, false).get(0);
    CompatCase my = CaseCatalog.parse(root, true).get(0);
    assertEquals("pg", pg.description());
    assertEquals(1, pg.steps().size());
    assertEquals("my", my.description());
    assertEquals(2, my.steps().size());
  }

  @Test
  void aMySqlFormNeedsAReasonAndKnownKeysEvenWhenRunOnPostgreSql() throws Exception {
    String head =
        "{\"cases\":[{\"id\":\"x\",\"spec\":\"s\",\"description\":\"d\","
            + "\"handshake\":{\"token\":\"root\"},\"expect\":{\"open\":true},\"on_mysql\":";
    var noWhy = JSON.readTree(head + "{\"description\":\"my\"}}]}");
    var e = assertThrows(IllegalArgumentException.class, () -> CaseCatalog.parse(noWhy, false));
    assertTrue(e.getMessage().contains("why"), e.getMessage());
    var typo = JSON.readTree(head + "{\"why\":\"w\",\"stpes\":[]}}]}");
    e = assertThrows(IllegalArgumentException.class, () -> CaseCatalog.parse(typo, false));
    assertTrue(e.getMessage().contains("stpes"), e.getMessage());
  }

  @Test
  void theShippedTableHasAMySqlFormForTheCascadeTheBinlogDoesNotCarry() {
    CompatCase cascade =
        CaseCatalog.load(true).stream()
            .filter(c -> c.id().equals("fix-cascade-set-null-is-an-update"))
            .findFirst()
            .orElseThrow();
    assertTrue(cascade.description().contains("nothing"), cascade.description());
  }
}
