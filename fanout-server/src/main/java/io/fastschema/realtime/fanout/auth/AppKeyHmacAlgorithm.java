package io.fastschema.realtime.fanout.auth;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import io.jsonwebtoken.security.SecretKeyBuilder;
import io.jsonwebtoken.security.SecureRequest;
import io.jsonwebtoken.security.SignatureException;
import io.jsonwebtoken.security.VerifySecureDigestRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA-2 JWS algorithm (HS256, HS384 or HS512) keyed with FastSchema's {@code APP_KEY}
 * whatever its length relative to the hash.
 *
 * <p>Why not jjwt's own: RFC 7518 section 3.2 wants a key at least as long as the hash, and jjwt
 * enforces that on verification too, so its HS384 and HS512 refuse FastSchema's 32-character key.
 * FastSchema (golang-jwt v4) verifies all three with that key, and so must we. The key is instead
 * checked once, at start-up, by {@link TokenVerifier}.
 *
 * <p>Immutable and thread-safe: every call uses its own {@link Mac}, which is not thread-safe.
 */
final class AppKeyHmacAlgorithm implements MacAlgorithm {

  /** The algorithms a FastSchema token may use, and the only ones the verifier knows. */
  static final List<MacAlgorithm> FAMILY =
      List.of(
          new AppKeyHmacAlgorithm(Jwts.SIG.HS256, "HmacSHA256"),
          new AppKeyHmacAlgorithm(Jwts.SIG.HS384, "HmacSHA384"),
          new AppKeyHmacAlgorithm(Jwts.SIG.HS512, "HmacSHA512"));

  /** Supplies the JWA id and key generation, which need no change. */
  private final MacAlgorithm standard;

  private final String jcaName;

  private AppKeyHmacAlgorithm(MacAlgorithm standard, String jcaName) {
    this.standard = standard;
    this.jcaName = jcaName;
  }

  /** Whether {@code alg} names a member of {@link #FAMILY}; case-sensitive, as in golang-jwt. */
  static boolean isMember(String alg) {
    return FAMILY.stream().anyMatch(algorithm -> algorithm.getId().equals(alg));
  }

  @Override
  public String getId() {
    return standard.getId();
  }

  @Override
  public int getKeyBitLength() {
    return standard.getKeyBitLength();
  }

  @Override
  public SecretKeyBuilder key() {
    return standard.key();
  }

  @Override
  public byte[] digest(SecureRequest<InputStream, SecretKey> request) {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(request.getKey().getEncoded(), jcaName));
      return mac.doFinal(request.getPayload().readAllBytes());
    } catch (GeneralSecurityException | IOException e) {
      throw new SignatureException("cannot compute " + getId(), e);
    }
  }

  @Override
  public boolean verify(VerifySecureDigestRequest<SecretKey> request) {
    // Constant time: an early exit on the first differing byte would let a client forge a
    // signature byte by byte from response timings.
    return MessageDigest.isEqual(digest(request), request.getDigest());
  }
}
