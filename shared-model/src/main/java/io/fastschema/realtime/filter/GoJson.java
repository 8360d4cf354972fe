package io.fastschema.realtime.filter;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON of a {@link GoValue}, as FastSchema's {@code Entity.String()} prints an object in an
 * error message (ordered map through easyjson: HTML characters escaped, Go float formatting). Used
 * only for error texts.
 *
 * <p>Thread-safety: stateless.
 */
final class GoJson {

  private GoJson() {}

  static String write(GoValue value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, GoValue value) {
    if (value instanceof GoValue.Str s) {
      appendString(out, s.value());
    } else if (value instanceof GoValue.Float f) {
      out.append(GoFloat.formatJson(f.value()));
    } else if (value instanceof GoValue.Bool b) {
      out.append(b.value());
    } else if (value instanceof GoValue.Slice s) {
      appendArray(out, s.items());
    } else if (value instanceof GoValue.EntitySlice s) {
      appendArray(out, s.items());
    } else if (value instanceof GoValue.Entity e) {
      appendObject(out, e.entries());
    } else if (value instanceof GoValue.GoMap m) {
      appendObject(out, m.entries());
    } else {
      out.append("null");
    }
  }

  private static void appendArray(StringBuilder out, List<? extends GoValue> items) {
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      append(out, items.get(i));
    }
    out.append(']');
  }

  private static void appendObject(StringBuilder out, Map<String, GoValue> entries) {
    out.append('{');
    Iterator<Map.Entry<String, GoValue>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, GoValue> entry = it.next();
      appendString(out, entry.getKey());
      out.append(':');
      append(out, entry.getValue());
      if (it.hasNext()) {
        out.append(',');
      }
    }
    out.append('}');
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
