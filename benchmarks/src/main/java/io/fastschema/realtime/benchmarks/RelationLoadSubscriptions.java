package io.fastschema.realtime.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The ten distinct subscriptions of each variant of {@link RelationLoadBenchmark}. Subscription
 * {@code s} matches exactly the blogs of partition {@code s} of {@link RelationLoadData} in both
 * variants, so the two deliver the same messages and differ only in how they are judged and
 * projected:
 *
 * <ul>
 *   <li>{@code scalar}: filters on {@code category_id}, {@code title} ({@code $like}) and {@code
 *       status}; {@code select} of scalar columns only;
 *   <li>{@code relation}: filters on {@code category.name}, {@code tags.name}, the implicit key
 *       {@code tags}, {@code $in}, {@code $and}/{@code $or} mixes of both relations; {@code select}
 *       of {@code tags}, {@code category}, {@code category.name}, {@code tags.name}.
 * </ul>
 *
 * Every {@code select} lists {@code views} before any relation: the client reads the write's
 * sequence number from the first {@code "views":} of a message (see {@link MessageValues}).
 */
enum RelationLoadSubscriptions {
  SCALAR,
  RELATION;

  static final int COUNT = 10;

  static RelationLoadSubscriptions parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "scalar" -> SCALAR;
      case "relation" -> RELATION;
      default ->
          throw new IllegalArgumentException(
              "variant must be scalar or relation, was '" + text + "'");
    };
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The query string of subscription {@code s} (0 ≤ s &lt; {@value #COUNT}). */
  String query(int s, RelationLoadData data) {
    String[] selectAndFilter = this == SCALAR ? scalar(s, data) : relation(s, data);
    return "schema=blog&event=update&select="
        + encode(selectAndFilter[0])
        + "&filter="
        + encode(selectAndFilter[1]);
  }

  /** Every query, for the report. */
  List<String> queries(RelationLoadData data) {
    return java.util.stream.IntStream.range(0, COUNT).mapToObj(s -> query(s, data)).toList();
  }

  private static String[] scalar(int s, RelationLoadData d) {
    String category = "\"" + d.categoryId(s) + "\"";
    String title = "{\"$like\":\"rel p" + s + " %\"}";
    return switch (s % 5) {
      case 0 -> new String[] {"title,views", "{\"category_id\":" + category + "}"};
      case 1 -> new String[] {"title,views", "{\"title\":" + title + "}"};
      case 2 ->
          new String[] {
            "title,views,status",
            "{\"$and\":[{\"category_id\":" + category + "},{\"status\":\"published\"}]}"
          };
      case 3 -> new String[] {"id,title,views,category_id", "{\"title\":" + title + "}"};
      default ->
          new String[] {
            "title,views,published",
            "{\"$or\":[{\"category_id\":" + category + "},{\"title\":" + title + "}]}"
          };
    };
  }

  private static String[] relation(int s, RelationLoadData d) {
    int partitions = d.partitions();
    String category = "\"cat-" + s + "\"";
    String tag = "\"tag-" + s + "\"";
    String otherTag = "\"tag-" + (s + partitions) + "\"";
    return switch (s) {
      case 0 -> new String[] {"title,views,category.name", "{\"category.name\":" + category + "}"};
      case 1 -> new String[] {"title,views,tags", "{\"tags.name\":" + tag + "}"};
      case 2 -> new String[] {"title,views,tags.name", "{\"category.name\":" + category + "}"};
      case 3 -> new String[] {"title,views,category", "{\"tags.name\":" + otherTag + "}"};
      case 4 ->
          new String[] {
            "title,views,tags",
            "{\"$and\":[{\"category.name\":"
                + category
                + "},{\"tags.name\":{\"$like\":\"tag-%\"}}]}"
          };
      case 5 ->
          new String[] {
            "title,views,category.name,tags.name",
            "{\"tags.name\":{\"$in\":[" + tag + "," + otherTag + "]}}"
          };
      case 6 -> new String[] {"title,views", "{\"category.name\":" + category + "}"};
      case 7 -> new String[] {"title,views,tags", "{\"tags.name\":" + otherTag + "}"};
      case 8 ->
          new String[] {
            "title,views,category",
            "{\"$or\":[{\"category.name\":" + category + "},{\"tags.name\":" + tag + "}]}"
          };
      default -> new String[] {"title,views,tags", "{\"tags\":\"" + d.tagId(s) + "\"}"};
    };
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
