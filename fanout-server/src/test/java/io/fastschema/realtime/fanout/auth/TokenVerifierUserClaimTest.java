package io.fastschema.realtime.fanout.auth;

import static io.fastschema.realtime.fanout.auth.Refusals.assertRefused;
import static io.fastschema.realtime.fanout.auth.TokenMint.EXPIRY;
import static io.fastschema.realtime.fanout.auth.TokenMint.NOW;
import static io.fastschema.realtime.fanout.auth.TokenMint.V10_ROLE_ID;
import static io.fastschema.realtime.fanout.auth.TokenMint.V10_USER_ID;
import static io.fastschema.realtime.fanout.auth.TokenMint.access;
import static io.fastschema.realtime.fanout.auth.TokenMint.byHand;
import static io.fastschema.realtime.fanout.auth.TokenMint.hs256;
import static io.fastschema.realtime.fanout.auth.TokenMint.payloadWithUser;
import static io.fastschema.realtime.fanout.auth.TokenMint.v10User;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import io.jsonwebtoken.Jwts;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code user} claim of FastSchema v0.10 (UUID ids) and v0.9 (integer ids). */
class TokenVerifierUserClaimTest {

  @Test
  void readsV010AccessToken() throws Exception {
    AuthenticatedUser user = TokenMint.verifier().verify(hs256(v10User()));

    assertEquals(new AuthenticatedUser(V10_USER_ID, true, List.of(V10_ROLE_ID), EXPIRY), user);
  }

  @Test
  void readsV09AccessTokenWithIntegerIds() throws Exception {
    Map<String, Object> v09 =
        Map.of("id", 42, "username", "bob", "active", true, "role_ids", List.of(1, 2));

    AuthenticatedUser user = TokenMint.verifier().verify(hs256(v09));

    assertEquals(new AuthenticatedUser("42", true, List.of("1", "2"), EXPIRY), user);
  }

  @Test
  void connectionsOfOneRoleShareItsIdText() throws Exception {
    // One role id text per node, not one per connection (issue 14 item 4).
    AuthenticatedUser first = TokenMint.verifier().verify(hs256(v10User()));
    AuthenticatedUser second = TokenMint.verifier().verify(hs256(v10User()));

    assertNotSame(first, second);
    assertSame(first.roleIds().get(0), second.roleIds().get(0));
  }

  @Test
  void readsTheLargestUint64Id() throws Exception {
    String token = byHand(payloadWithUser("{\"id\":18446744073709551615,\"role_ids\":[3]}"));

    assertEquals("18446744073709551615", TokenMint.verifier().verify(token).id());
  }

  @Test
  void writesUuidIdsInLowerCase() throws Exception {
    String token =
        hs256(
            Map.of(
                "id", V10_USER_ID.toUpperCase(), "role_ids", List.of(V10_ROLE_ID.toUpperCase())));

    AuthenticatedUser user = TokenMint.verifier().verify(token);

    assertEquals(V10_USER_ID, user.id());
    assertEquals(List.of(V10_ROLE_ID), user.roleIds());
  }

  @Test
  void refusesRefreshToken() {
    String refresh =
        hs256(
            Jwts.builder()
                .claim("uid", V10_USER_ID)
                .claim("sid", "0195a0c4-7e1b-7c3a-9f00-5e5510000001")
                .issuer("FastSchema")
                .issuedAt(Date.from(NOW.minusSeconds(5)))
                .expiration(Date.from(NOW.plusSeconds(7 * 24 * 3600))));

    assertRefused(Reason.NO_USER_CLAIM, refresh);
  }

  @ParameterizedTest(name = "user = {0}")
  @ValueSource(
      strings = {
        "null",
        "{}",
        "{\"id\":null,\"role_ids\":[\"" + V10_ROLE_ID + "\"]}",
        "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"active\":true}",
        "{\"id\":0,\"active\":true}"
      })
  void refusesUserWithoutARealId(String userJson) {
    assertRefused(Reason.NO_USER_CLAIM, byHand(payloadWithUser(userJson)));
  }

  @ParameterizedTest(name = "user.id = {0}")
  @ValueSource(
      strings = {
        "\"not-a-uuid\"",
        "\"\"",
        "\"42\"",
        "\"{" + V10_USER_ID + "}\"",
        "\"0195a0c47e1b7c3a9f001d2e3f405162\"",
        "-1",
        "1.5",
        "18446744073709551616",
        "true",
        "{\"id\":1}",
        "[1]"
      })
  void refusesIdThatIsNeitherUuidNorUnsignedInteger(String idJson) {
    AuthenticationException refusal =
        assertRefused(Reason.BAD_CLAIMS, byHand(payloadWithUser("{\"id\":" + idJson + "}")));

    assertFalse(refusal.getMessage().contains(idJson), "the message quotes the claim value");
  }

  @ParameterizedTest(name = "user = {0}")
  @ValueSource(strings = {"\"alice\"", "[1]", "42"})
  void refusesUserClaimThatIsNotAnObject(String userJson) {
    assertRefused(Reason.BAD_CLAIMS, byHand(payloadWithUser(userJson)));
  }

  @Test
  void treatsOmittedActiveAsInactive() throws Exception {
    AuthenticatedUser user = TokenMint.verifier().verify(hs256(Map.of("id", V10_USER_ID)));

    assertFalse(user.active());
  }

  @Test
  void treatsOmittedOptionalMembersAsEmpty() throws Exception {
    AuthenticatedUser user = TokenMint.verifier().verify(hs256(Map.of("id", 9)));

    assertEquals(new AuthenticatedUser("9", false, List.of(), EXPIRY), user);
  }

  @ParameterizedTest(name = "user = {0}")
  @ValueSource(
      strings = {
        "{\"id\":9,\"active\":\"true\"}",
        "{\"id\":9,\"active\":1}",
        "{\"id\":9,\"role_ids\":\"1,2\"}",
        "{\"id\":9,\"role_ids\":[1,\"admin\"]}",
        "{\"id\":9,\"username\":7}",
        "{\"id\":9,\"email\":[\"a@b.c\"]}"
      })
  void refusesMemberOfTheWrongJsonType(String userJson) {
    assertRefused(Reason.BAD_CLAIMS, byHand(payloadWithUser(userJson)));
  }

  @Test
  void dropsZeroAndNullRoleIds() throws Exception {
    String token =
        byHand(
            payloadWithUser(
                "{\"id\":\""
                    + V10_USER_ID
                    + "\",\"role_ids\":["
                    + "\"00000000-0000-0000-0000-000000000000\",null,\""
                    + V10_ROLE_ID
                    + "\"]}"));

    assertEquals(List.of(V10_ROLE_ID), TokenMint.verifier().verify(token).roleIds());
  }

  @Test
  void ignoresClaimsItDoesNotUse() throws Exception {
    Map<String, Object> user = v10User();
    user.put("first_name", "Alice");
    user.put("provider_profile_image", "https://example.com/a.png");
    user.put("roles", List.of(Map.of("id", V10_ROLE_ID, "name", "Admin")));
    String token =
        hs256(
            access(user)
                .audience()
                .add("someone")
                .and()
                .id("jti-1")
                .claim("custom", Map.of("nested", List.of(1, 2))));

    assertEquals(V10_USER_ID, TokenMint.verifier().verify(token).id());
  }
}
