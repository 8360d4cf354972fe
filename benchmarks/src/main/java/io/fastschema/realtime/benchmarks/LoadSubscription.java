package io.fastschema.realtime.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What each load client subscribes to. Client {@code i} is given row {@code i mod rows}.
 *
 * <ul>
 *   <li>{@code record}: {@code schema=blog&event=update&id=<row>}; a change reaches the clients of
 *       its row (FastSchema: topic {@code content.blog.update.<id>}, only they re-query).
 *   <li>{@code filter}: {@code schema=blog&event=update&filter={"id":<row>}}; the same messages,
 *       but FastSchema keeps every such client in {@code content.blog.update}, so every change
 *       costs a query per client; ours evaluates the filter in memory.
 *   <li>{@code schema}: {@code schema=blog&event=update}; every client receives every change.
 * </ul>
 */
enum LoadSubscription {
  RECORD,
  FILTER,
  SCHEMA;

  static LoadSubscription parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "record" -> RECORD;
      case "filter" -> FILTER;
      case "schema" -> SCHEMA;
      default ->
          throw new IllegalArgumentException(
              "subscribe must be record, filter or schema," + " was '" + text + "'");
    };
  }

  String query(long rowId) {
    return switch (this) {
      case RECORD -> "schema=blog&event=update&id=" + rowId;
      case FILTER ->
          "schema=blog&event=update&filter="
              + URLEncoder.encode("{\"id\":" + rowId + "}", StandardCharsets.UTF_8);
      case SCHEMA -> "schema=blog&event=update";
    };
  }

  /** Whether a change to a row reaches only the clients given that row. */
  boolean perRow() {
    return this != SCHEMA;
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
