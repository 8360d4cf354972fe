package io.fastschema.realtime.benchmarks;

import io.fastschema.realtime.embedded.DatabaseCoordinates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the relation benchmark, in the sample app's {@code blog}/{@code category}/{@code tag}
 * schemas: {@code partitions} categories {@code cat-<p>}, {@code 2·partitions} tags {@code
 * tag-<t>}, and {@code rows} blogs; blog {@code i} is in partition {@code p = i mod partitions}:
 * title {@code rel p<p> #<i>}, category {@code cat-<p>}, tags {@code tag-<p>} and {@code
 * tag-<p+partitions>}. Every subscription of {@link RelationLoadSubscriptions} selects exactly the
 * blogs of one partition, once through relations and once through scalar columns, so both variants
 * deliver the same messages.
 *
 * <p>Immutable once inserted.
 */
final class RelationLoadData {

  private final Long[] blogIds;
  private final List<String> categoryIds;
  private final List<String> tagIds;
  private final int partitions;

  private RelationLoadData(
      Long[] blogIds, List<String> categoryIds, List<String> tagIds, int partitions) {
    this.blogIds = blogIds;
    this.categoryIds = categoryIds;
    this.tagIds = tagIds;
    this.partitions = partitions;
  }

  /** Inserts everything in one transaction; ingest publishes it to the state topics. */
  static RelationLoadData insert(DatabaseCoordinates db, int rows, int partitions)
      throws SQLException {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      List<String> categories = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO categories (id, name, slug) VALUES (gen_random_uuid(), ?, ?)"
                  + " RETURNING id")) {
        for (int p = 0; p < partitions; p++) {
          s.setString(1, "cat-" + p);
          s.setString(2, "rel-cat-" + p);
          categories.add(single(s));
        }
      }
      List<String> tags = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO tags (id, name) VALUES (gen_random_uuid(), ?) RETURNING id")) {
        for (int t = 0; t < 2 * partitions; t++) {
          s.setString(1, "tag-" + t);
          tags.add(single(s));
        }
      }
      Long[] blogs = new Long[rows];
      try (PreparedStatement blog =
              c.prepareStatement(
                  "INSERT INTO blogs (title, views, published, status, category_id)"
                      + " VALUES (?, 0, true, 'published', ?::uuid) RETURNING id");
          PreparedStatement link =
              c.prepareStatement("INSERT INTO blogs_tags (blogs, tags) VALUES (?, ?::uuid)")) {
        for (int i = 0; i < rows; i++) {
          int p = i % partitions;
          blog.setString(1, "rel p" + p + " #" + i);
          blog.setString(2, categories.get(p));
          blogs[i] = Long.parseLong(single(blog));
          for (int t : new int[] {p, p + partitions}) {
            link.setLong(1, blogs[i]);
            link.setString(2, tags.get(t));
            link.addBatch();
          }
        }
        link.executeBatch();
      }
      c.commit();
      return new RelationLoadData(blogs, categories, tags, partitions);
    }
  }

  private static String single(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      r.next();
      return r.getString(1);
    }
  }

  Long[] blogIds() {
    return blogIds.clone();
  }

  int partitions() {
    return partitions;
  }

  /** The partition of the blog at {@code index} in {@link #blogIds}. */
  int partitionOf(int index) {
    return index % partitions;
  }

  String categoryId(int partition) {
    return categoryIds.get(partition);
  }

  String tagId(int tag) {
    return tagIds.get(tag);
  }
}
