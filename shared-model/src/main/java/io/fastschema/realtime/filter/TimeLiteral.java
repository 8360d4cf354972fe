package io.fastschema.realtime.filter;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time values: which strings FastSchema accepts for a {@code time} field, and which instant
 * PostgreSQL makes of them.
 *
 * <p>FastSchema ({@code utils.IsValidTime}) accepts what Go's {@code time.Parse} accepts for {@code
 * time.RFC3339} or {@code time.DateTime} ({@code 2006-01-02 15:04:05}): a one-digit hour, and
 * fractional seconds after {@code .} or {@code ,}, are tolerated; dates are range-checked. It then
 * binds the string itself, which pgx sends as text, so PostgreSQL's {@code timestamptz} input
 * decides the instant: an offset is honoured, microseconds are rounded ({@code rint(fraction *
 * 1e6)}), and a string without offset is read in the session's {@code TimeZone}. FastSchema's pgx
 * connections never set {@code TimeZone}, so it is the server's default; we assume UTC (the default
 * of the official PostgreSQL images and of most managed services).
 *
 * <p>Thread-safety: stateless.
 */
final class TimeLiteral {

  /** PostgreSQL's limit for a numeric zone displacement ({@code MAX_TZDISP_HOUR}). */
  private static final int MAX_OFFSET_HOURS = 15;

  private static final Pattern RFC3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{1,2}):(\\d{2}):(\\d{2})(?:([.,])(\\d+))?"
              + "(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{1,2}):(\\d{2}):(\\d{2})(?:([.,])(\\d+))?");

  private TimeLiteral() {}

  /** {@code utils.IsValidTime}: Go parses the string as RFC 3339 or {@code time.DateTime}. */
  static boolean isGoValid(String text) {
    return goParse(text) != null;
  }

  /**
   * The instant PostgreSQL reads from a Go-valid time string, in microseconds since the epoch.
   *
   * @throws SqlValueException where PostgreSQL rejects what Go accepted
   */
  static long epochMicros(String text) throws SqlValueException {
    Matcher m = goParse(text);
    if (m == null) {
      throw new SqlValueException(
          "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
    }
    if (Integer.parseInt(m.group(1)) == 0) {
      // PostgreSQL has no year zero (1 BC precedes AD 1); Go's year 0000 is valid.
      throw new SqlValueException("date/time field value out of range: \"" + text + "\"");
    }
    if (",".equals(m.group(7))) {
      throw new SqlValueException(
          "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
    }
    ZoneOffset offset = offset(m, text);
    LocalDateTime local =
        LocalDateTime.of(
            number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6));
    long micros =
        m.group(8) == null
            ? 0
            : (long) Math.rint(Double.parseDouble("0." + m.group(8)) * 1_000_000);
    return local.toEpochSecond(offset) * 1_000_000 + micros;
  }

  /**
   * The wall-clock time MySQL/MariaDB read from a Go-valid time string for a {@code datetime}
   * comparison, as microseconds since the epoch taken in UTC: the date and time as written,
   * fractional digits past the sixth cut off (MariaDB truncates). Only a UTC offset ({@code Z},
   * {@code ±00:00}) or none is accepted: MariaDB ignores any offset and MySQL 8.0.19+ converts by
   * it, so other offsets would give one of them a different answer; a {@code ,} before the fraction
   * is refused too.
   *
   * @throws SqlValueException for the strings refused
   */
  static long wallClockMicros(String text) throws SqlValueException {
    Matcher m = goParse(text);
    if (m == null) {
      throw new SqlValueException("incorrect datetime value: '" + text + "'");
    }
    if (",".equals(m.group(7))) {
      throw new SqlValueException(
          "realtime filters on MySQL/MariaDB take a '.' before fractional seconds");
    }
    String zone = m.groupCount() >= 9 ? m.group(9) : null;
    if (zone != null && !zone.equals("Z") && !zone.substring(1).equals("00:00")) {
      throw new SqlValueException(
          "realtime filters on MySQL/MariaDB take times in UTC ('Z' or '+00:00') or without an"
              + " offset (MariaDB ignores an offset, MySQL applies it)");
    }
    LocalDateTime local =
        LocalDateTime.of(
            number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5), number(m, 6));
    String fraction = m.group(8) == null ? "" : m.group(8);
    long micros = Long.parseLong((fraction + "000000").substring(0, 6));
    return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + micros;
  }

  /**
   * A row's time as FastSchema encodes it (RFC 3339, any offset), in microseconds since the epoch;
   * null when the text is not a time.
   */
  static Long rowMicros(String text) {
    try {
      OffsetDateTime time = OffsetDateTime.parse(text);
      return time.toEpochSecond() * 1_000_000 + time.getNano() / 1_000;
    } catch (DateTimeException e) {
      try {
        return epochMicros(text);
      } catch (SqlValueException | DateTimeException notATime) {
        return null;
      }
    }
  }

  private static ZoneOffset offset(Matcher m, String text) throws SqlValueException {
    if (m.groupCount() < 9 || m.group(9) == null || "Z".equals(m.group(9))) {
      return ZoneOffset.UTC;
    }
    String zone = m.group(9);
    int hours = Integer.parseInt(zone.substring(1, 3));
    int minutes = Integer.parseInt(zone.substring(4, 6));
    if (hours > MAX_OFFSET_HOURS) {
      throw new SqlValueException("time zone displacement out of range: \"" + text + "\"");
    }
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /** The match of a Go-valid time string, or null. */
  private static Matcher goParse(String text) {
    Matcher m = RFC3339.matcher(text);
    if (!m.matches()) {
      m = DATE_TIME.matcher(text);
      if (!m.matches()) {
        return null;
      }
    }
    int year = number(m, 1);
    int month = number(m, 2);
    if (month < 1 || month > 12) {
      return null;
    }
    int day = number(m, 3);
    int daysInMonth = YearMonth.of(Year.of(year).getValue(), month).lengthOfMonth();
    if (day < 1 || day > daysInMonth) {
      return null;
    }
    if (number(m, 4) > 23 || number(m, 5) > 59 || number(m, 6) > 59) {
      return null;
    }
    if (m.groupCount() >= 9 && m.group(9) != null && !"Z".equals(m.group(9))) {
      String zone = m.group(9);
      if (Integer.parseInt(zone.substring(1, 3)) > 23
          || Integer.parseInt(zone.substring(4, 6)) > 59) {
        return null;
      }
    }
    return m;
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
