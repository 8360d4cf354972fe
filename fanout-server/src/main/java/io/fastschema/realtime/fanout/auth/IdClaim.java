package io.fastschema.realtime.fanout.auth;

import io.fastschema.realtime.fanout.auth.AuthenticationException.Reason;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FastSchema record id as a token carries it: a UUID string (v0.10, {@code uuid.UUID}) or an
 * unsigned 64-bit integer (v0.9, {@code uint64}). Both are accepted because the broker may sit on a
 * database of either generation, and the token is signed, so its shape tells which.
 *
 * <p>Stateless and thread-safe.
 */
final class IdClaim {

  /**
   * The form FastSchema writes. The brace, {@code urn:uuid:} and hyphen-less forms that Go's parser
   * also reads are refused: FastSchema never issues them.
   */
  private static final Pattern CANONICAL_UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private IdClaim() {}

  /**
   * The id in canonical form (lower-case UUID or decimal), or empty when it is absent, JSON {@code
   * null} or zero: FastSchema's "no id", which no stored record has.
   *
   * @param claimName the claim's path, for the message
   * @throws AuthenticationException {@link Reason#BAD_CLAIMS} when it is neither form
   */
  static Optional<String> parse(Object raw, String claimName) throws AuthenticationException {
    if (raw == null) {
      return Optional.empty();
    }
    String id = raw instanceof String text ? uuid(text, claimName) : unsigned(raw, claimName);
    boolean zero = id.equals(ZERO_UUID) || id.equals("0");
    return zero ? Optional.empty() : Optional.of(id);
  }

  private static String uuid(String text, String claimName) throws AuthenticationException {
    if (!CANONICAL_UUID.matcher(text).matches()) {
      throw notAnId(claimName);
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static String unsigned(Object raw, String claimName) throws AuthenticationException {
    BigInteger value;
    if (raw instanceof Integer || raw instanceof Long) {
      value = BigInteger.valueOf(((Number) raw).longValue());
    } else if (raw instanceof BigInteger big) {
      value = big;
    } else {
      throw notAnId(claimName); // fractions, booleans, objects: Go's decoder refuses them too
    }
    if (value.signum() < 0 || value.compareTo(UINT64_MAX) > 0) {
      throw notAnId(claimName);
    }
    return value.toString();
  }

  private static AuthenticationException notAnId(String claimName) {
    return new AuthenticationException(
        Reason.BAD_CLAIMS,
        "claim '" + claimName + "' is neither a UUID string nor an unsigned 64-bit integer");
  }
}
