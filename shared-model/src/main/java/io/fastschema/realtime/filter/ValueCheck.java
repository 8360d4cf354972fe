package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Field;

/**
 * FastSchema's {@code Field.IsValidValue} ({@code schema/field.go}, with {@code
 * utils.IsValidInt/IsValidUInt/IsValidTime} from {@code pkg/utils/utils.go}): whether a filter
 * value is acceptable for a field's type. Passing this check does not mean PostgreSQL accepts the
 * value; see {@link SqlType#literal}.
 *
 * <p>Rules: nil is valid for every type; a {@code []interface {}} is valid when every element is;
 * string, text and uuid take strings; enum takes one of its values; bool takes booleans; time takes
 * an RFC 3339 or {@code 2006-01-02 15:04:05} string; json takes a string holding a JSON object;
 * ints take anything whose {@code %v} text Go parses as an integral float ({@code 5}, {@code "5"},
 * {@code "5.0"}, {@code "1e3"}, even {@code "Inf"}); uints the same and not negative; floats take
 * numbers only; bytes and relation fields take nothing.
 *
 * <p>Thread-safety: stateless.
 */
final class ValueCheck {

  private ValueCheck() {}

  static boolean isValid(Field field, GoValue value) {
    if (value instanceof GoValue.Slice) {
      for (GoValue item : ((GoValue.Slice) value).items()) {
        if (!isValid(field, item)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof GoValue.Nil) {
      return true;
    }
    switch (field.type()) {
      case BOOL:
        return value instanceof GoValue.Bool;
      case TIME:
        return value instanceof GoValue.Str && TimeLiteral.isGoValid(text(value));
      case JSON:
        return value instanceof GoValue.Str && EntityDecoder.isEntity(text(value));
      case UUID:
      case STRING:
      case TEXT:
        return value instanceof GoValue.Str;
      case ENUM:
        return value instanceof GoValue.Str && field.enumValues().contains(text(value));
      case INT:
      case INT8:
      case INT16:
      case INT32:
      case INT64:
        return isIntegral(asFloat(value));
      case UINT:
      case UINT8:
      case UINT16:
      case UINT32:
      case UINT64:
        Double number = asFloat(value);
        return isIntegral(number) && number >= 0;
      case FLOAT32:
      case FLOAT64:
        return value instanceof GoValue.Float;
      default:
        // bytes ([]byte never comes from JSON), relation and file.
        return false;
    }
  }

  private static String text(GoValue value) {
    return ((GoValue.Str) value).value();
  }

  /** {@code strconv.ParseFloat(fmt.Sprintf("%v", v), 64)}; null on error. */
  private static Double asFloat(GoValue value) {
    if (value instanceof GoValue.Float) {
      return ((GoValue.Float) value).value();
    }
    return GoFloat.parse(value.display());
  }

  /** {@code math.Trunc(f) == f}, true for the infinities, false for NaN. */
  private static boolean isIntegral(Double f) {
    return f != null && (Double.isInfinite(f) || f == Math.rint(f));
  }
}
