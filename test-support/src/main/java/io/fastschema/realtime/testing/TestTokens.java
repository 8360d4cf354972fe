package io.fastschema.realtime.testing;

import io.fastschema.realtime.client.TokenSigner;
import io.fastschema.realtime.embedded.SampleApp;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints access tokens the way FastSchema v0.10 does ({@code pkg/jwt/jwt.go}), plus the broken ones
 * negative tests need.
 *
 * <p>A FastSchema access token is a JWS with header {@code {"alg":"HS256","typ":"JWT"}}, signed
 * with HMAC-SHA256 over the raw UTF-8 bytes of {@code APP_KEY}, and claims in Go's struct order:
 * {@code iss} (only when {@code APP_NAME} was set), {@code exp} (seconds), and {@code user{id,
 * username, email, first_name, last_name, active, provider, provider_profile_image, role_ids}}
 * where empty strings, {@code false} and empty lists are omitted. Tokens are built here without a
 * JWT library so every byte is under the test's control (claim order, odd algorithms, short keys
 * that libraries refuse).
 *
 * <pre>{@code
 * String token = TestTokens.rootUser(services);
 * String expired = TestTokens.rootUserBuilder(services).expiresAt(Instant.now().minusSeconds(5))
 *     .signHs256(services.appKey());
 * }</pre>
 *
 * Signed by {@link TokenSigner} (the realtime client library, shared with the compatibility suite);
 * thread-safe. Builders are not thread-safe.
 */
public final class TestTokens {

  /** Lifetime of tokens whose expiry the test does not set. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private TestTokens() {}

  /** A valid token for the seeded {@code admin} user, holding only the root role Admin. */
  public static String rootUser(SharedServices services) {
    return rootUserBuilder(services).signHs256(services.appKey());
  }

  /** {@link #rootUser} with the given {@code exp}. */
  public static String withExpiry(SharedServices services, Instant expiresAt) {
    return rootUserBuilder(services).expiresAt(expiresAt).signHs256(services.appKey());
  }

  /** The root user's token, expired a minute ago. */
  public static String expired(SharedServices services) {
    return withExpiry(services, Instant.now().minusSeconds(60));
  }

  /** A valid token for a (not stored) active user holding the given role ids. */
  public static String userWithRoles(SharedServices services, String... roleIds) {
    return builder()
        .user(UUID.randomUUID().toString())
        .username("user-" + roleIds.length)
        .active(true)
        .roleIds(roleIds)
        .signHs256(services.appKey());
  }

  /** The root user's claims signed with a key that is not the app key. */
  public static String forged(SharedServices services) {
    return rootUserBuilder(services).signHs256("not-the-" + services.appKey());
  }

  /** The root user's claims, unsigned ({@code "alg":"none"}, empty signature). */
  public static String algNone(SharedServices services) {
    return rootUserBuilder(services).unsigned();
  }

  /** The root user's claims signed RS256 with a key pair only this class knows. */
  public static String rs256(SharedServices services) {
    return rootUserBuilder(services).signRs256();
  }

  /**
   * A refresh token as FastSchema issues it (claims {@code iss?, exp, iat, uid, sid}, no {@code
   * user}); FastSchema crashes with HTTP 400 when one is used as an access token.
   */
  public static String refreshToken(SharedServices services, String sessionId) {
    Instant now = Instant.now();
    return builder()
        .withoutUser()
        .expiresAt(now.plus(DEFAULT_LIFETIME))
        .claim("iat", now.getEpochSecond())
        .claim("uid", services.seeded().adminUserId())
        .claim("sid", sessionId)
        .signHs256(services.appKey());
  }

  /** A builder prefilled with the seeded admin user, its Admin role and the default lifetime. */
  public static Builder rootUserBuilder(SharedServices services) {
    return builder()
        .user(services.seeded().adminUserId())
        .username(SampleApp.ADMIN_USERNAME)
        .email(SampleApp.ADMIN_EMAIL)
        .provider("local")
        .active(true)
        .roleIds(services.seeded().adminRoleId());
  }

  /** An empty builder: no user, {@code exp} = now + {@link #DEFAULT_LIFETIME}. */
  public static Builder builder() {
    return new Builder(InstantSource.system());
  }

  /** An empty builder whose default {@code exp} is computed from {@code clock}. */
  public static Builder builder(InstantSource clock) {
    return new Builder(clock);
  }

  /** The decoded claims JSON (second segment) of a compact JWS, for assertions and messages. */
  public static String payloadJson(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a compact JWS: " + parts.length + " segments");
    }
    return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
  }

  /**
   * Builds claims in FastSchema's order and signs them. Values left unset are omitted, as Go's
   * {@code omitempty} omits them.
   */
  public static final class Builder {

    private final InstantSource clock;
    private Instant expiresAt;
    private boolean withExpiry = true;
    private String issuer;
    private boolean withUser = true;
    private String userId;
    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private boolean active;
    private String provider;
    private String providerProfileImage;
    private final List<String> roleIds = new ArrayList<>();
    private final Map<String, Object> extraClaims = new LinkedHashMap<>();

    private Builder(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code iss}; FastSchema sets it to {@code APP_NAME} when that env var is set. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    public Builder expiresAt(Instant value) {
      this.expiresAt = Objects.requireNonNull(value, "expiresAt");
      this.withExpiry = true;
      return this;
    }

    public Builder expiresIn(Duration lifetime) {
      return expiresAt(clock.instant().plus(lifetime));
    }

    /** Leaves out {@code exp}: golang-jwt v4 then treats the token as never expiring. */
    public Builder withoutExpiry() {
      this.withExpiry = false;
      return this;
    }

    /** {@code user.id}; a UUID string in v0.10. */
    public Builder user(String id) {
      this.userId = id;
      this.withUser = true;
      return this;
    }

    /** Leaves out the {@code user} claim entirely (as in refresh tokens). */
    public Builder withoutUser() {
      this.withUser = false;
      return this;
    }

    public Builder username(String value) {
      this.username = value;
      return this;
    }

    public Builder email(String value) {
      this.email = value;
      return this;
    }

    public Builder firstName(String value) {
      this.firstName = value;
      return this;
    }

    public Builder lastName(String value) {
      this.lastName = value;
      return this;
    }

    /** {@code user.active}; omitted when false, exactly like FastSchema. */
    public Builder active(boolean value) {
      this.active = value;
      return this;
    }

    public Builder provider(String value) {
      this.provider = value;
      return this;
    }

    public Builder providerProfileImage(String value) {
      this.providerProfileImage = value;
      return this;
    }

    /** Replaces {@code user.role_ids}. */
    public Builder roleIds(String... ids) {
      return roleIds(List.of(ids));
    }

    public Builder roleIds(List<String> ids) {
      roleIds.clear();
      roleIds.addAll(ids);
      return this;
    }

    /**
     * Adds a top-level claim after the standard ones, e.g. {@code nbf} or a malformed {@code user}
     * (a value here named {@code user} replaces the built one). Values: String, Number, Boolean,
     * List, Map, null.
     */
    public Builder claim(String name, Object value) {
      extraClaims.put(name, value);
      return this;
    }

    /** The claims JSON exactly as it will be signed. */
    public String claimsJson() {
      Map<String, Object> claims = new LinkedHashMap<>();
      putIfNotEmpty(claims, "iss", issuer);
      if (withExpiry) {
        Instant exp = expiresAt != null ? expiresAt : clock.instant().plus(DEFAULT_LIFETIME);
        claims.put("exp", exp.getEpochSecond());
      }
      if (withUser) {
        claims.put("user", userClaims());
      }
      claims.putAll(extraClaims);
      return JsonText.write(claims);
    }

    public String signHs256(String key) {
      return sign("HS256", key);
    }

    public String signHs384(String key) {
      return sign("HS384", key);
    }

    public String signHs512(String key) {
      return sign("HS512", key);
    }

    /** {@code "alg":"none"} with an empty signature segment: {@code header.payload.} */
    public String unsigned() {
      return sign("none", null);
    }

    /** RS256 with a JVM-wide key pair that no server trusts. */
    public String signRs256() {
      return sign("RS256", null);
    }

    private String sign(String alg, String hmacKey) {
      return TokenSigner.sign(alg, claimsJson().getBytes(StandardCharsets.UTF_8), hmacKey);
    }

    private Map<String, Object> userClaims() {
      Map<String, Object> user = new LinkedHashMap<>();
      putIfNotEmpty(user, "id", userId);
      putIfNotEmpty(user, "username", username);
      putIfNotEmpty(user, "email", email);
      putIfNotEmpty(user, "first_name", firstName);
      putIfNotEmpty(user, "last_name", lastName);
      if (active) {
        user.put("active", true);
      }
      putIfNotEmpty(user, "provider", provider);
      putIfNotEmpty(user, "provider_profile_image", providerProfileImage);
      if (!roleIds.isEmpty()) {
        user.put("role_ids", List.copyOf(roleIds));
      }
      return user;
    }

    private static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
      if (value != null && !value.isEmpty()) {
        map.put(key, value);
      }
    }
  }

  /** The public half of the key pair behind {@link Builder#signRs256()}. */
  public static PublicKey rs256PublicKey() {
    return TokenSigner.rs256PublicKey();
  }
}
