package io.fastschema.realtime.filter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Go's float64 text conversions, as FastSchema's filter validation sees numbers: {@code
 * strconv.ParseFloat} (which {@code utils.IsValidInt} applies to {@code fmt.Sprintf("%v", v)}),
 * {@code %v} formatting (error messages) and {@code encoding/json} formatting.
 *
 * <p>Thread-safety: stateless.
 */
final class GoFloat {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  /** Go requires the binary exponent in hexadecimal floats ("0x10" is a syntax error). */
  private static final Pattern HEX =
      Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

  private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
  private static final Pattern NAN = Pattern.compile("(?i:nan)");

  private GoFloat() {}

  /**
   * {@code strconv.ParseFloat(s, 64)} without error: the value, or null where Go reports an error
   * (syntax, or a finite number beyond float64's range). Underscore digit separators, which Go
   * accepts only after a base prefix, are not supported; they never reach PostgreSQL as numbers.
   */
  static Double parse(String s) {
    if (NAN.matcher(s).matches()) {
      return Double.NaN;
    }
    if (INFINITY.matcher(s).matches()) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!DECIMAL.matcher(s).matches() && !HEX.matcher(s).matches()) {
      return null;
    }
    double value = Double.parseDouble(s);
    return Double.isInfinite(value) ? null : value;
  }

  /** {@code fmt.Sprintf("%v", f)}: shortest digits, exponent form below 1e-4 and from 1e+06. */
  static String format(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return (1 / f < 0) ? "-0" : "0";
    }
    Shortest s = Shortest.of(f);
    int exponent = s.pointPosition - 1;
    if (exponent < -4 || exponent >= 6) {
      return s.sign + exponentForm(s.digits, exponent);
    }
    return s.sign + plainForm(s.digits, s.pointPosition);
  }

  /** {@code encoding/json}: plain below 1e21 and from 1e-6, else exponent form ("1e-7"). */
  static String formatJson(double f) {
    if (f == 0) {
      return (1 / f < 0) ? "-0" : "0";
    }
    Shortest s = Shortest.of(f);
    double abs = Math.abs(f);
    if (abs < 1e-6 || abs >= 1e21) {
      String text = exponentForm(s.digits, s.pointPosition - 1);
      return s.sign + text.replaceFirst("e([+-])0([0-9])$", "e$1$2");
    }
    return s.sign + plainForm(s.digits, s.pointPosition);
  }

  private static String exponentForm(String digits, int exponent) {
    StringBuilder out = new StringBuilder().append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }

  private static String plainForm(String digits, int pointPosition) {
    if (pointPosition <= 0) {
      return "0." + "0".repeat(-pointPosition) + digits;
    }
    if (pointPosition >= digits.length()) {
      return digits + "0".repeat(pointPosition - digits.length());
    }
    return digits.substring(0, pointPosition) + "." + digits.substring(pointPosition);
  }

  /**
   * The shortest decimal that reads back as the same double, as Go's {@code strconv} picks it.
   * Computed by rounding the exact binary value to 1, 2, … significant digits, because Java 17's
   * {@code Double.toString} is not always the shortest.
   */
  private record Shortest(String sign, String digits, int pointPosition) {

    static Shortest of(double f) {
      BigDecimal exact = new BigDecimal(Math.abs(f));
      for (int precision = 1; precision <= 17; precision++) {
        BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (Double.parseDouble(rounded.toString()) == Math.abs(f)) {
          return of(f < 0 ? "-" : "", rounded);
        }
      }
      throw new AssertionError(String.format(Locale.ROOT, "no 17-digit form of %s", f));
    }

    private static Shortest of(String sign, BigDecimal rounded) {
      BigDecimal stripped = rounded.stripTrailingZeros();
      String digits = stripped.unscaledValue().toString();
      return new Shortest(sign, digits, digits.length() - stripped.scale());
    }
  }
}
