package io.fastschema.realtime.fanout.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which pages may subscribe with a user's token cookie. */
class OriginPolicyTest {

  @Test
  void byDefaultOnlyTheSameOriginMayUseTheCookie() {
    OriginPolicy p = OriginPolicy.parse("");
    assertTrue(p.allowsCookie("https://app.example.com", "app.example.com"));
    assertTrue(p.allowsCookie("http://localhost:8080", "localhost:8080"));
    assertTrue(p.allowsCookie("HTTPS://App.Example.com/", "app.example.com"));
    assertFalse(p.allowsCookie("https://evil.example", "app.example.com"));
    assertFalse(p.allowsCookie("http://localhost:9999", "localhost:8080"));
    assertFalse(p.allowsCookie("null", "app.example.com"), "sandboxed frames and files");
    assertFalse(p.allowsCookie("https://evil.example", null));
  }

  @Test
  void aHandshakeWithoutOriginIsNotABrowserAndPasses() {
    assertTrue(OriginPolicy.SAME_ORIGIN.allowsCookie(null, "app.example.com"));
  }

  @Test
  void listedOriginsAndTheWildcardPass() {
    OriginPolicy p = OriginPolicy.parse(" https://app.example.com , http://localhost:3000/");
    assertTrue(p.allowsCookie("https://app.example.com", "realtime.example.com"));
    assertTrue(p.allowsCookie("http://localhost:3000", "realtime.example.com"));
    assertFalse(p.allowsCookie("http://app.example.com", "realtime.example.com"), "scheme counts");
    assertTrue(OriginPolicy.parse("*").allowsCookie("https://evil.example", "x"));
  }

  @Test
  void entriesThatAreNotOriginsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> OriginPolicy.parse("app.example.com"));
    assertThrows(IllegalArgumentException.class, () -> OriginPolicy.parse("https://a.b/path"));
    assertThrows(IllegalArgumentException.class, () -> OriginPolicy.parse("https://"));
  }
}
