package io.fastschema.realtime.fanout.auth;

import static io.fastschema.realtime.fanout.auth.Refusals.assertRefused;
import static io.fastschema.realtime.fanout.auth.TokenMint.base64Url;
import static io.fastschema.realtime.fanout.auth.TokenMint.byHand;
import static io.fastschema.realtime.fanout.auth.TokenMint.hs256;
import static io.fastschema.realtime.fanout.auth.TokenMint.v10User;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strings that are not signed JWTs at all. */
class TokenVerifierMalformedTest {

  private static final String HS256 = base64Url("{\"alg\":\"HS256\"}");

  @ParameterizedTest(name = "{0}")
  @MethodSource("notJwts")
  void refusesAsMalformed(String description, String token) {
    assertRefused(Reason.MALFORMED, token);
  }

  static Stream<Arguments> notJwts() {
    String genuine = hs256(v10User());
    String[] parts = genuine.split("\\.");
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("blank", "   "),
        Arguments.of("one word", "abc"),
        Arguments.of("three letters", "a.b.c"),
        Arguments.of("two parts", parts[0] + "." + parts[1]),
        Arguments.of("only dots", ".."),
        Arguments.of("four parts", genuine + ".extra"),
        Arguments.of("header not base64url", "@@@." + parts[1] + "." + parts[2]),
        Arguments.of("header not JSON", base64Url("hello") + "." + parts[1] + "." + parts[2]),
        Arguments.of("header a JSON array", base64Url("[\"HS256\"]") + ".e30.c2ln"),
        Arguments.of("header without alg", base64Url("{\"typ\":\"JWT\"}") + ".e30.c2ln"),
        Arguments.of("alg not a string", base64Url("{\"alg\":256}") + ".e30.c2ln"),
        Arguments.of(
            "duplicate alg", base64Url("{\"alg\":\"HS256\",\"alg\":\"none\"}") + ".e30.c2ln"),
        Arguments.of("payload not base64url", HS256 + ".@@@." + parts[2]),
        Arguments.of("signature not base64url", parts[0] + "." + parts[1] + ".@@@"),
        Arguments.of("signed payload not JSON", byHand("hello, world")),
        Arguments.of("signed payload a JSON array", byHand("[1,2,3]")),
        Arguments.of(
            "signed payload with duplicate claims",
            byHand("{\"user\":{\"id\":1},\"user\":{\"id\":2},\"exp\":9999999999}")));
  }

  @Test
  void refusesNullAsMalformed() {
    assertRefused(Reason.MALFORMED, null);
  }
}
