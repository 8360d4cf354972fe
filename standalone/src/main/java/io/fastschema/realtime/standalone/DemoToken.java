package io.fastschema.realtime.standalone;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints an access token as FastSchema does (HS256 over the raw APP_KEY bytes; claims {@code exp}
 * and {@code user{id, username, email, active, role_ids}}), for the demo banner.
 */
final class DemoToken {

  private DemoToken() {}

  static String mint(
      String appKey,
      String userId,
      String username,
      String email,
      List<String> roleIds,
      Duration lifetime) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", userId);
    user.put("username", username);
    user.put("email", email);
    user.put("active", true);
    user.put("role_ids", roleIds);
    return Jwts.builder()
        .claim("user", user)
        .expiration(Date.from(Instant.now().plus(lifetime)))
        .signWith(
            new SecretKeySpec(appKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Jwts.SIG.HS256)
        .compact();
  }
}
