package io.fastschema.realtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import io.fastschema.realtime.embedded.SeededIds;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SignatureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** Uses a hand-built {@link SharedServices}: tokens need no running services. */
class TestTokensTest {

  private static final String ADMIN_ID = "0190b6a8-5b7e-7c2d-8f3a-1234567890ab";
  private static final String ADMIN_ROLE = "0190b6a8-0000-7000-8000-000000000001";
  private static final SharedServices SERVICES =
      new SharedServices(
          new DatabaseCoordinates("localhost", 5432, "postgres", "postgres", ""),
          new DatabaseCoordinates("localhost", 5432, "fastschema", "fastschema", "fastschema"),
          "127.0.0.1:9092",
          Path.of("/nonexistent"),
          SharedServices.TEST_APP_KEY,
          new SeededIds(
              ADMIN_ID, ADMIN_ROLE, "user-role", "guest-role", List.of(), List.of(), List.of()));
  private static final SecretKey APP_KEY =
      Keys.hmacShaKeyFor(SharedServices.TEST_APP_KEY.getBytes(StandardCharsets.UTF_8));

  @Test
  void tokenBytesMatchWhatGolangJwtWouldSign() {
    // Expected value computed independently (Python hmac + base64) from FastSchema's claim order.
    String expected =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJGYXN0U2NoZW1hIiwiZXhwIjox"
            + "NzY3MjI1NjAwLCJ1c2VyIjp7ImlkIjoiMDE5MGI2YTgtNWI3ZS03YzJkLThmM2EtMTIzNDU2Nzg5MGFiIiwidXNl"
            + "cm5hbWUiOiJhZG1pbiIsImVtYWlsIjoiYWRtaW5AZXhhbXBsZS5jb20iLCJhY3RpdmUiOnRydWUsInByb3ZpZGVy"
            + "IjoibG9jYWwiLCJyb2xlX2lkcyI6WyIwMTkwYjZhOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDEiXX19."
            + "XW7YO1FAj_sZhZrwJcTg4FUL8eI2P7fNAbVilje_qGg";

    String token =
        TestTokens.rootUserBuilder(SERVICES)
            .issuer("FastSchema")
            .expiresAt(Instant.ofEpochSecond(1_767_225_600L))
            .signHs256(SharedServices.TEST_APP_KEY);

    assertEquals(expected, token);
  }

  @Test
  void rootUserTokenVerifiesWithTheAppKeyAndCarriesFastSchemaClaims() {
    String token = TestTokens.rootUser(SERVICES);

    Claims claims = Jwts.parser().verifyWith(APP_KEY).build().parseSignedClaims(token).getPayload();
    Map<?, ?> user = claims.get("user", Map.class);
    assertEquals(ADMIN_ID, user.get("id"));
    assertEquals(List.of(ADMIN_ROLE), user.get("role_ids"));
    assertEquals(Boolean.TRUE, user.get("active"));
    assertTrue(claims.getExpiration().toInstant().isAfter(Instant.now()));
    assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", header(token));
  }

  @Test
  void unsetValuesAreOmittedLikeGoOmitempty() {
    InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(1_000));
    String claims = TestTokens.builder(clock).user("u1").active(false).claimsJson();

    assertEquals("{\"exp\":4600,\"user\":{\"id\":\"u1\"}}", claims);
    assertEquals("{\"user\":{}}", TestTokens.builder().withoutExpiry().claimsJson());
  }

  @Test
  void expiredTokenIsRejectedAsExpired() {
    String token = TestTokens.expired(SERVICES);

    assertThrows(
        ExpiredJwtException.class,
        () -> Jwts.parser().verifyWith(APP_KEY).build().parseSignedClaims(token));
  }

  @Test
  void forgedTokenFailsSignatureVerification() {
    String token = TestTokens.forged(SERVICES);

    assertThrows(
        SignatureException.class,
        () -> Jwts.parser().verifyWith(APP_KEY).build().parseSignedClaims(token));
  }

  @Test
  void algNoneTokenHasAnEmptySignatureAndIsNotAcceptedAsSigned() {
    String token = TestTokens.algNone(SERVICES);

    assertTrue(token.endsWith("."));
    assertEquals("{\"alg\":\"none\",\"typ\":\"JWT\"}", header(token));
    assertThrows(
        JwtException.class,
        () -> Jwts.parser().verifyWith(APP_KEY).build().parseSignedClaims(token));
  }

  @Test
  void rs256TokenVerifiesOnlyWithItsOwnPublicKey() {
    String token = TestTokens.rs256(SERVICES);

    Jwts.parser().verifyWith(TestTokens.rs256PublicKey()).build().parseSignedClaims(token);
    assertThrows(
        JwtException.class,
        () -> Jwts.parser().verifyWith(APP_KEY).build().parseSignedClaims(token));
  }

  @Test
  void refreshTokenHasNoUserClaim() {
    String payload = TestTokens.payloadJson(TestTokens.refreshToken(SERVICES, "session-1"));

    assertFalse(payload.contains("\"user\""), payload);
    assertTrue(payload.contains("\"uid\":\"" + ADMIN_ID + "\",\"sid\":\"session-1\""), payload);
  }

  @Test
  void userWithRolesCarriesExactlyThoseRoles() {
    String payload = TestTokens.payloadJson(TestTokens.userWithRoles(SERVICES, "r1", "r2"));

    assertTrue(payload.contains("\"role_ids\":[\"r1\",\"r2\"]"), payload);
  }

  @Test
  void stringsAreEscapedLikeGoEncodingJson() {
    String claims = TestTokens.builder().withoutExpiry().user("a\"b<c>&\n").claimsJson();

    assertEquals("{\"user\":{\"id\":\"a\\\"b\\u003cc\\u003e\\u0026\\n\"}}", claims);
  }

  private static String header(String token) {
    return new String(
        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
  }
}
