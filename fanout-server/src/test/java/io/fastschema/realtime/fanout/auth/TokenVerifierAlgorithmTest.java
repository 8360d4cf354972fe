package io.fastschema.realtime.fanout.auth;

import static io.fastschema.realtime.fanout.auth.Refusals.assertRefused;
import static io.fastschema.realtime.fanout.auth.TokenMint.APP_KEY_BYTES;
import static io.fastschema.realtime.fanout.auth.TokenMint.V10_USER_ID;
import static io.fastschema.realtime.fanout.auth.TokenMint.access;
import static io.fastschema.realtime.fanout.auth.TokenMint.byHand;
import static io.fastschema.realtime.fanout.auth.TokenMint.hs256;
import static io.fastschema.realtime.fanout.auth.TokenMint.payloadWithUser;
import static io.fastschema.realtime.fanout.auth.TokenMint.v10User;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Date;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which signatures are accepted: HMAC with the app key only. */
class TokenVerifierAlgorithmTest {

  private static final String HEADER_HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final String USER = "{\"id\":\"" + V10_USER_ID + "\",\"active\":true}";

  @Test
  void acceptsHs256MintedByJjwtWithTheAppKey() throws Exception {
    AuthenticatedUser user = TokenMint.verifier().verify(hs256(v10User()));

    assertEquals(V10_USER_ID, user.id());
  }

  /** jjwt refuses a 32-byte key for HS384/HS512; golang-jwt, hence FastSchema, does not. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HS256", "HS384", "HS512"})
  void acceptsEveryHmacAlgorithmSignedWithThe32ByteAppKey(String alg) throws Exception {
    String token =
        byHand(
            "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}",
            payloadWithUser(USER),
            "HmacSHA" + alg.substring(2),
            APP_KEY_BYTES);

    assertEquals(V10_USER_ID, TokenMint.verifier().verify(token).id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jjwtHmacAlgorithms")
  void acceptsEveryHmacAlgorithmMintedByJjwtWithA64ByteAppKey(String alg, MacAlgorithm algorithm)
      throws Exception {
    byte[] appKey =
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8);
    String token =
        TokenMint.signedWith(access(v10User()), new SecretKeySpec(appKey, "HmacSHA512"), algorithm);

    assertEquals(V10_USER_ID, new TokenVerifier(appKey, TokenMint.CLOCK).verify(token).id());
  }

  static Stream<Arguments> jjwtHmacAlgorithms() {
    return Stream.of(
        Arguments.of("HS256", Jwts.SIG.HS256),
        Arguments.of("HS384", Jwts.SIG.HS384),
        Arguments.of("HS512", Jwts.SIG.HS512));
  }

  @Test
  void refusesTokenSignedWithAnotherKey() {
    var otherKey =
        new SecretKeySpec(
            "Zz3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    assertRefused(
        Reason.BAD_SIGNATURE, TokenMint.signedWith(access(v10User()), otherKey, Jwts.SIG.HS256));
  }

  @Test
  void refusesPayloadSwappedUnderAValidSignature() {
    String genuine = hs256(v10User());
    String forged =
        byHand(
            HEADER_HS256,
            payloadWithUser("{\"id\":\"0195a0c4-7e1b-7c3a-9f00-000000000001\",\"role_ids\":[]}"),
            "HmacSHA256",
            "not the app key, but 32 bytes...".getBytes(StandardCharsets.UTF_8));
    String[] g = genuine.split("\\.");
    String[] f = forged.split("\\.");

    assertRefused(Reason.BAD_SIGNATURE, g[0] + "." + f[1] + "." + g[2]);
  }

  @Test
  void checksSignatureBeforeExpiry() {
    var otherKey = new SecretKeySpec(new byte[32], "HmacSHA256");
    String expiredAndForged =
        TokenMint.signedWith(
            access(v10User()).expiration(Date.from(TokenMint.NOW.minusSeconds(60))),
            otherKey,
            Jwts.SIG.HS256);

    assertRefused(Reason.BAD_SIGNATURE, expiredAndForged);
  }

  @ParameterizedTest(name = "alg {0}")
  @ValueSource(strings = {"none", "None", "NONE"})
  void refusesUnsecuredToken(String alg) {
    String header = TokenMint.base64Url("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    String payload = TokenMint.base64Url(payloadWithUser(USER));

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, header + "." + payload + ".");
  }

  @Test
  void refusesAlgNoneEvenWithAValidHmacSignatureAttached() {
    String signed = byHand(HEADER_HS256, payloadWithUser(USER), "HmacSHA256", APP_KEY_BYTES);
    String none = TokenMint.base64Url("{\"alg\":\"none\"}");

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, none + signed.substring(signed.indexOf('.')));
  }

  @Test
  void refusesAlgorithmNameInWrongCaseThoughSignedWithTheAppKey() {
    String token =
        byHand("{\"alg\":\"hs256\"}", payloadWithUser(USER), "HmacSHA256", APP_KEY_BYTES);

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, token);
  }

  @Test
  void refusesRs256() {
    KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
    String token = access(v10User()).signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact();

    AuthenticationException refusal = assertRefused(Reason.ALGORITHM_NOT_ALLOWED, token);
    assertTrue(refusal.getMessage().contains("'RS256'"), refusal.getMessage());
  }

  @Test
  void refusesEs256() {
    KeyPair ec = Jwts.SIG.ES256.keyPair().build();
    String token = access(v10User()).signWith(ec.getPrivate(), Jwts.SIG.ES256).compact();

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, token);
  }

  @Test
  void refusesRs256HeaderOverAnHmacSignatureWithTheAppKey() {
    String confused =
        byHand("{\"alg\":\"RS256\"}", payloadWithUser(USER), "HmacSHA256", APP_KEY_BYTES);

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, confused);
  }

  @Test
  void refusesEncryptedToken() {
    String header = TokenMint.base64Url("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}");

    assertRefused(Reason.ALGORITHM_NOT_ALLOWED, header + "..aXZpdml2aXZpdml2.Y2lwaGVy.dGFndGFn");
  }

  @Test
  void refusesCompressedTokenFastSchemaWouldNotRead() {
    String token =
        access(v10User())
            .compressWith(Jwts.ZIP.DEF)
            .signWith(TokenMint.APP_SECRET, Jwts.SIG.HS256)
            .compact();

    assertRefused(Reason.MALFORMED, token);
  }

  @Test
  void refusesHmacTokenWithSignatureRemoved() {
    String token = hs256(v10User());

    assertRefused(Reason.MALFORMED, token.substring(0, token.lastIndexOf('.') + 1));
  }
}
