package io.fastschema.realtime.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs JWS compact tokens by hand, so that every byte is under the caller's control: FastSchema's
 * own HS256 tokens (HMAC over the UTF-8 bytes of {@code APP_KEY}), and the ones a server must
 * refuse ({@code alg:none}, RS256 with a key no server trusts, a wrong key). Header as golang-jwt
 * v4 writes it: {@code {"alg":…,"typ":"JWT"}}.
 *
 * <p>Thread-safe; the RSA key pair is generated on first RS256 use (~100 ms).
 */
public final class TokenSigner {

  private TokenSigner() {}

  /**
   * @param alg {@code HS256}, {@code HS384}, {@code HS512}, {@code RS256} or {@code none}
   * @param claimsJson the payload, exactly as it is to be signed
   * @param hmacKey the key for the HS algorithms (its UTF-8 bytes), or null for the others
   */
  public static String sign(String alg, byte[] claimsJson, String hmacKey) {
    String input =
        base64Url(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8))
            + "."
            + base64Url(claimsJson);
    byte[] signingInput = input.getBytes(StandardCharsets.US_ASCII);
    try {
      return switch (alg) {
        case "HS256" -> input + "." + base64Url(hmac("HmacSHA256", hmacKey, signingInput));
        case "HS384" -> input + "." + base64Url(hmac("HmacSHA384", hmacKey, signingInput));
        case "HS512" -> input + "." + base64Url(hmac("HmacSHA512", hmacKey, signingInput));
        case "RS256" -> input + "." + base64Url(rs256(signingInput));
        case "none" -> input + ".";
        default -> throw new IllegalArgumentException("unknown alg " + alg);
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " signing failed", e);
    }
  }

  /** The public half of the key pair RS256 tokens are signed with. */
  public static PublicKey rs256PublicKey() {
    return RsaKeys.PAIR.getPublic();
  }

  private static byte[] hmac(String algorithm, String key, byte[] input)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
    return mac.doFinal(input);
  }

  private static byte[] rs256(byte[] input) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(RsaKeys.PAIR.getPrivate());
    signer.update(input);
    return signer.sign();
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Holder idiom: a key pair no server trusts, generated once. */
  private static final class RsaKeys {
    static final KeyPair PAIR = generate();

    private static KeyPair generate() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA key generation failed", e);
      }
    }
  }
}
