package io.fastschema.realtime.fanout.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;

/** Asserts that a token is refused for the right reason, without leaking it. */
final class Refusals {

  private Refusals() {}

  static AuthenticationException assertRefused(Reason expected, String token) {
    return assertRefused(TokenMint.verifier(), expected, token);
  }

  static AuthenticationException assertRefused(
      TokenVerifier verifier, Reason expected, String token) {
    AuthenticationException refusal =
        assertThrows(AuthenticationException.class, () -> verifier.verify(token));
    assertEquals(expected, refusal.reason(), refusal.getMessage());
    assertNull(refusal.getCause(), "a library exception may quote the token's claims");
    String message = refusal.getMessage();
    assertTrue(message.startsWith(expected.name() + ": "), "message names no reason: " + message);
    assertFalse(message.contains(TokenMint.APP_KEY), "message quotes the app key: " + message);
    if (token != null && token.length() >= 16) {
      assertFalse(message.contains(token), "message quotes the token: " + message);
      int lastDot = token.lastIndexOf('.');
      String signature = lastDot < 0 ? "" : token.substring(lastDot + 1);
      if (signature.length() >= 8) {
        assertFalse(message.contains(signature), "message quotes the signature: " + message);
      }
    }
    return refusal;
  }
}
