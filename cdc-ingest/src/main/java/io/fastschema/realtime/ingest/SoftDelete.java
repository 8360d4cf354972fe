package io.fastschema.realtime.ingest;

/**
 * What an UPDATE means under FastSchema's soft deletes ({@code DB_USE_SOFT_DELETES=true}), where a
 * delete sets {@code deleted_at} and every read filters {@code deleted_at IS NULL}.
 */
enum SoftDelete {
  /** An ordinary update of a live row. */
  LIVE,
  /** deleted_at went from NULL to a time: FastSchema sends a delete. */
  DELETED,
  /** deleted_at went back to NULL: the row reappears, sent as a create. */
  RESTORED,
  /** An update of a row that stays soft-deleted: FastSchema sends nothing. */
  HIDDEN;

  static final String COLUMN = "deleted_at";

  /**
   * @param fullBefore whether {@code before} is a complete row; without it, a row whose after image
   *     is soft-deleted is taken as just deleted (its earlier state is unknown)
   */
  static SoftDelete of(RowImage before, RowImage after, boolean fullBefore) {
    boolean deletedAfter = after != null && after.hasNonNull(COLUMN);
    if (!fullBefore || before == null) {
      return deletedAfter ? DELETED : LIVE;
    }
    boolean deletedBefore = before.hasNonNull(COLUMN);
    if (deletedBefore == deletedAfter) {
      return deletedAfter ? HIDDEN : LIVE;
    }
    return deletedAfter ? DELETED : RESTORED;
  }
}
