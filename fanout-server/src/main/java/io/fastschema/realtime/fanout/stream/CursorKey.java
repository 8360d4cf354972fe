package io.fastschema.realtime.fanout.stream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that authenticates resume cursors: HMAC-SHA256 keyed with {@code APP_KEY} over the label
 * {@value #LABEL}, so that it is a key of its own (a cursor tag is never a valid token signature,
 * nor the reverse) and every node of a deployment derives the same one. A cursor carries a tag over
 * its bytes and a {@link CursorBinding} (the user and the subscription it was issued to), truncated
 * to {@value #TAG_BYTES} bytes so that a cursor of one partition still fits in a close frame.
 *
 * <p>Thread-safe: one {@link Mac} per thread.
 */
public final class CursorKey {

  static final String LABEL = "fastschema-realtime cursor v3";

  /** 80 bits: a forger needs about 2^79 handshakes per success. */
  static final int TAG_BYTES = 10;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private CursorKey(byte[] derived) {
    this.key = new SecretKeySpec(derived, "HmacSHA256");
  }

  /** The cursor key of a deployment, from its {@code APP_KEY} bytes. */
  public static CursorKey derive(byte[] appKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appKey, "HmacSHA256"));
      return new CursorKey(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /**
   * What a cursor is issued to: {@code user} (null for a guest) and the subscription's parts, in a
   * fixed order (the caller's: topic, event, id, filter, select); null and empty differ.
   */
  public CursorBinding bind(String user, String... subscription) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      field(digest, user);
      for (String part : subscription) {
        field(digest, part);
      }
      return new CursorBinding(this, digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Length-prefixed, so that no two lists of fields digest the same bytes. */
  private static void field(MessageDigest digest, String value) {
    if (value == null) {
      digest.update(new byte[] {-1, -1, -1, -1});
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    digest.update(bytes);
  }

  /** The truncated tag of {@code body[0, length)} for a binding. */
  byte[] tag(byte[] binding, byte[] body, int length) {
    Mac mac = macs.get();
    mac.update(binding);
    mac.update(body, 0, length);
    return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
