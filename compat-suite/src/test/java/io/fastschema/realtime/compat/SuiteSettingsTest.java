package io.fastschema.realtime.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteSettingsTest {

  private static final String JDBC = "jdbc:postgresql://h:5432/fs?user=u&password=secret";

  @Test
  void argumentsWinOverEnvironment() {
    SuiteSettings s =
        SuiteSettings.parse(
            new String[] {"--ws-base", "ws://a:1/", "--jdbc=" + JDBC, "--app-key", "k"},
            Map.of("COMPAT_WS_BASE", "ws://env:2", "APP_KEY", "envkey"));
    assertEquals("ws://a:1", s.wsBase().toString());
    assertEquals(JDBC, s.jdbcUrl());
    assertEquals("k", s.appKey());
    assertEquals("http://a:1", s.httpBase().toString());
  }

  @Test
  void environmentAlone() {
    SuiteSettings s =
        SuiteSettings.parse(
            new String[0],
            Map.of("COMPAT_WS_BASE", "wss://e:443", "COMPAT_JDBC_URL", JDBC, "APP_KEY", "k"));
    assertEquals("https://e:443", s.httpBase().toString());
  }

  @Test
  void everyMissingSettingIsNamed() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SuiteSettings.parse(new String[] {"--bogus", "x"}, Map.of()));
    for (String part : new String[] {"--bogus", "COMPAT_WS_BASE", "COMPAT_JDBC_URL", "APP_KEY"}) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  @Test
  void passwordAndKeyAreMaskedInToString() {
    String shown = new SuiteSettings(java.net.URI.create("ws://a:1"), JDBC, "k").toString();
    assertTrue(!shown.contains("secret") && shown.contains("password=****"), shown);
  }
}
