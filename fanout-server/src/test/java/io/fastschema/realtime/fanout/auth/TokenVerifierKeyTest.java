package io.fastschema.realtime.fanout.auth;

import static io.fastschema.realtime.fanout.auth.TokenMint.CLOCK;
import static io.fastschema.realtime.fanout.auth.TokenMint.payloadWithUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The app key: its minimum length, its encoding, and sharing one verifier. */
class TokenVerifierKeyTest {

  private static final String USER = "{\"id\":7}";

  @Test
  void refusesAppKeyShorterThan32BytesAtConstruction() {
    String shortKey = "only-thirty-one-bytes-long-key!";

    IllegalArgumentException failure =
        assertThrows(
            IllegalArgumentException.class, () -> TokenVerifier.forAppKey(shortKey, CLOCK));

    assertTrue(failure.getMessage().contains("APP_KEY"), failure.getMessage());
    assertTrue(failure.getMessage().contains("was 31 bytes"), failure.getMessage());
    assertFalse(failure.getMessage().contains(shortKey), "message quotes the key");
  }

  @Test
  void refusesEmptyAppKeyAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new TokenVerifier(new byte[0], CLOCK));
  }

  @Test
  void acceptsAppKeyOfExactly32Bytes() throws Exception {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 'k');
    String token =
        TokenMint.byHand("{\"alg\":\"HS256\"}", payloadWithUser(USER), "HmacSHA256", key);

    assertEquals("7", new TokenVerifier(key, CLOCK).verify(token).id());
  }

  /** FastSchema keys HMAC with {@code []byte(AppKey)}: its UTF-8 bytes, not its characters. */
  @Test
  void forAppKeyUsesTheUtf8BytesOfTheKey() throws Exception {
    String appKey = "ключ-ключ-ключ-ключ";
    byte[] utf8 = appKey.getBytes(StandardCharsets.UTF_8);
    assertEquals(19, appKey.length());
    assertEquals(35, utf8.length);
    String token =
        TokenMint.byHand("{\"alg\":\"HS512\"}", payloadWithUser(USER), "HmacSHA512", utf8);

    assertEquals("7", TokenVerifier.forAppKey(appKey, CLOCK).verify(token).id());
  }

  @Test
  void keepsItsOwnCopyOfTheKey() throws Exception {
    byte[] key = TokenMint.APP_KEY.getBytes(StandardCharsets.UTF_8);
    TokenVerifier verifier = new TokenVerifier(key, CLOCK);
    Arrays.fill(key, (byte) 0);

    assertEquals("7", verifier.verify(TokenMint.byHand(payloadWithUser(USER))).id());
  }

  @Test
  void oneVerifierServesManyThreadsAtOnce() throws Exception {
    TokenVerifier verifier = TokenMint.verifier();
    List<String> tokens = new ArrayList<>();
    for (String alg : List.of("HS256", "HS384", "HS512")) {
      for (int id = 1; id <= 20; id++) {
        tokens.add(
            TokenMint.byHand(
                "{\"alg\":\"" + alg + "\"}",
                payloadWithUser("{\"id\":" + id + "}"),
                "HmacSHA" + alg.substring(2),
                TokenMint.APP_KEY_BYTES));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        results.add(
            pool.submit(
                () -> {
                  int verified = 0;
                  for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < tokens.size(); i++) {
                      String expected = String.valueOf(i % 20 + 1);
                      verified += verifier.verify(tokens.get(i)).id().equals(expected) ? 1 : 0;
                    }
                  }
                  return verified;
                }));
      }
      for (Future<Integer> result : results) {
        assertEquals(50 * tokens.size(), result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
