package io.fastschema.realtime.fanout.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec section 2.3, row by row: FastSchema's {@code Context.AuthToken} precedence. */
class TokenExtractorTest {

  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjp7fX0.c2ln";

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void followsFastSchemaPrecedence(
      String row, HandshakeCredentials credentials, Optional<String> expected) {
    assertEquals(expected, TokenExtractor.extract(credentials));
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        row("nothing offered", creds(null, null, null, null), null),
        row("empty values offered", creds("", "", "", ""), null),
        // 1. Authorization: exactly "Bearer " and the remainder verbatim.
        row("Bearer token", creds("Bearer " + JWT, null, null, null), JWT),
        row("'Bearer' without space", creds("Bearer" + JWT, null, null, null), null),
        row("'Bearer' alone", creds("Bearer", null, null, null), null),
        row("lower-case 'bearer '", creds("bearer " + JWT, null, null, null), null),
        row("upper-case 'BEARER '", creds("BEARER " + JWT, null, null, null), null),
        row("two spaces keep the second", creds("Bearer  " + JWT, null, null, null), " " + JWT),
        row("raw token without scheme", creds(JWT, null, null, null), null),
        row("Basic credentials", creds("Basic dXNlcjpwYXNz", null, null, null), null),
        // 2. X-Auth-Token overrides Authorization when non-empty.
        row("X-Auth-Token alone", creds(null, JWT, null, null), JWT),
        row("X-Auth-Token overrides Bearer", creds("Bearer other", JWT, null, null), JWT),
        row("empty X-Auth-Token keeps Bearer", creds("Bearer " + JWT, "", null, null), JWT),
        // 3. Cookie only when (1) and (2) gave nothing.
        row("cookie alone", creds(null, null, JWT, null), JWT),
        row("cookie ignored when Bearer present", creds("Bearer " + JWT, null, "stale", null), JWT),
        row("cookie ignored when X-Auth-Token present", creds(null, JWT, "stale", null), JWT),
        row(
            "cookie used when Authorization is not Bearer",
            creds("Basic dXNlcjpwYXNz", null, JWT, null),
            JWT),
        row("cookie used when 'Bearer ' has no token", creds("Bearer ", null, JWT, null), JWT),
        // 4. Sec-WebSocket-Protocol only when still nothing; must start with "Authorization,".
        row(
            "subprotocol 'Authorization, <jwt>'",
            creds(null, null, null, "Authorization, " + JWT),
            JWT),
        row(
            "subprotocol 'Authorization,<jwt>'",
            creds(null, null, null, "Authorization," + JWT),
            JWT),
        row(
            "subprotocol token trimmed",
            creds(null, null, null, "Authorization, \t" + JWT + " "),
            JWT),
        row(
            "subprotocol '<jwt>, Authorization'",
            creds(null, null, null, JWT + ", Authorization"),
            null),
        row(
            "subprotocol lower-case 'authorization,'",
            creds(null, null, null, "authorization, " + JWT),
            null),
        row("subprotocol 'Authorization' only", creds(null, null, null, "Authorization"), null),
        row(
            "subprotocol 'Authorization,' with nothing after",
            creds(null, null, null, "Authorization, "),
            null),
        row(
            "subprotocol extra protocol after token stays in the token",
            creds(null, null, null, "Authorization, " + JWT + ", chat"),
            JWT + ", chat"),
        row(
            "stale cookie wins over subprotocol",
            creds(null, null, "stale", "Authorization, " + JWT),
            "stale"),
        row(
            "Bearer wins over subprotocol",
            creds("Bearer " + JWT, null, null, "Authorization, other"),
            JWT),
        row(
            "X-Auth-Token wins over subprotocol",
            creds(null, JWT, null, "Authorization, other"),
            JWT));
  }

  @Test
  void subprotocolListJoinedInOrderYieldsTheToken() {
    String joined = HandshakeCredentials.joinHeaderValues(List.of("Authorization", JWT));

    assertEquals("Authorization, " + JWT, joined);
    assertEquals(Optional.of(JWT), TokenExtractor.extract(creds(null, null, null, joined)));
  }

  @Test
  void subprotocolListWithTokenFirstYieldsNothing() {
    String joined = HandshakeCredentials.joinHeaderValues(List.of(JWT, "Authorization"));

    assertEquals(Optional.empty(), TokenExtractor.extract(creds(null, null, null, joined)));
  }

  @Test
  void joiningNoHeaderValuesMeansAbsentHeader() {
    assertNull(HandshakeCredentials.joinHeaderValues(List.of()));
    assertNull(HandshakeCredentials.joinHeaderValues(null));
  }

  private static Arguments row(String name, HandshakeCredentials credentials, String expected) {
    return Arguments.of(name, credentials, Optional.ofNullable(expected));
  }

  private static HandshakeCredentials creds(
      String authorization, String xAuthToken, String cookie, String subprotocol) {
    return new HandshakeCredentials(authorization, xAuthToken, cookie, subprotocol);
  }
}
