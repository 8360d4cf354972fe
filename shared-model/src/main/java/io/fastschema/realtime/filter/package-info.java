/**
 * FastSchema's {@code filter} and scalar {@code select}, evaluated in memory on one row in
 * FastSchema's JSON encoding: {@link io.fastschema.realtime.filter.RowFilter}, {@link
 * io.fastschema.realtime.filter.Projection}.
 *
 * <h2>The contract</h2>
 *
 * <p>A compiled filter matches a row exactly when PostgreSQL returns that row for the SQL
 * FastSchema v0.10 builds for the filter (FastSchema {@code db/predicate.go}, {@code
 * pkg/entdbadapter/predicates.go}, ent's SQL builder, pgx's parameter encoding). Parsing reproduces
 * FastSchema's validation, including its error texts and the order of its checks. {@code
 * FilterDifferentialTest} holds the two against a real PostgreSQL.
 *
 * <h2>Decisions where the database or the encoding leaves a choice</h2>
 *
 * <ul>
 *   <li><b>Row NULLs.</b> An absent key or JSON {@code null} is SQL NULL; so is the zero uuid
 *       (FastSchema's encoding of a NULL uuid; a stored zero uuid is read as NULL too). A {@code
 *       uint} column encodes NULL as {@code 0}; a {@code 0} is read as the value 0, which is exact
 *       for non-optional columns (FastSchema's own output cannot tell them apart either). A stored
 *       jsonb {@code null} arrives as an absent key and is read as SQL NULL.
 *   <li><b>Strings</b> order by code point: PostgreSQL's order under {@code C}, {@code C.UTF-8} and
 *       {@code pg_c_utf8}; under a linguistic collation only {@code $gt}/{@code $gte}/{@code
 *       $lt}/{@code $lte} on strings (and jsonb ordering) can differ. {@code $containsfold}
 *       lower-cases with Unicode's simple mapping, as PostgreSQL's {@code lower()} does for UTF-8
 *       locales (not for the {@code C} ctype, which folds ASCII only).
 *   <li><b>Zoneless times</b> ({@code 2006-01-02 15:04:05}) are UTC: FastSchema sends the string as
 *       text and PostgreSQL applies the session {@code TimeZone}, which FastSchema never sets, so
 *       the server default applies; UTC is the default of the official images.
 *   <li><b>Relations named without a dot</b> on the side holding the foreign key filter on that
 *       column, relying on the foreign-key constraint FastSchema creates for FastSchema's {@code
 *       EXISTS} form to be equivalent; negative operators match rows without a related record.
 *   <li><b>Numbers</b> in a filter are Go float64 (integers above 2^53 round as in FastSchema);
 *       numeric strings for integer columns are exact. jsonb numbers compare exactly when the row's
 *       JSON carries them as decimals, else as their double value.
 * </ul>
 *
 * <h2>Refused at parse time, although FastSchema accepts the filter</h2>
 *
 * <ul>
 *   <li>Dotted relation paths, and relation fields without a foreign key in this table (o2m owner,
 *       o2o owner, m2m): they need other tables ("... is not supported yet ...").
 *   <li>Values PostgreSQL (or pgx) refuses, which make every FastSchema query of the subscription
 *       fail: {@code "1e3"} for an integer, a malformed uuid, JSON that only FastSchema's lenient
 *       parser accepts, {@code LIKE} on non-text columns, a {@code LIKE} pattern ending in an
 *       escape, an array compared with {@code =}. The message is FastSchema's shape followed by
 *       PostgreSQL's reason.
 * </ul>
 *
 * <p>Thread-safety: the public types are immutable and thread-safe.
 *
 * <p>May import: the {@code model} package, Jackson. Never Kafka, Jetty or Debezium (checked by
 * architecture-tests).
 */
package io.fastschema.realtime.filter;
