package io.fastschema.realtime.benchmarks;

/**
 * What the benchmark's clients subscribe to. Both see exactly the benchmark's updates, since only
 * one row is written; they differ in the fanout path taken: the record index and one-object
 * messages, or the operation index and one-element arrays.
 */
enum SubscriptionScope {
  /** {@code schema=blog&event=update&id=<blog id>}. */
  RECORD,
  /** {@code schema=blog&event=update}. */
  SCHEMA;

  static SubscriptionScope parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "record" -> RECORD;
      case "schema" -> SCHEMA;
      default ->
          throw new IllegalArgumentException("scope must be record or schema, was '" + text + "'");
    };
  }

  /** The query string of the realtime URL. */
  String query(long blogId) {
    return this == RECORD ? "schema=blog&event=update&id=" + blogId : "schema=blog&event=update";
  }

  String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
