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
 * <h2>On MySQL and MariaDB ({@link io.fastschema.realtime.filter.SqlDialect#MYSQL})</h2>
 *
 * <p>Compiled for {@code DB_DRIVER=mysql}, a filter answers as MariaDB 11.4 does for the SQL ent
 * writes for MySQL, with go-sql-driver's parameters (server-side prepared statements), on
 * FastSchema's MySQL tables; {@code FilterDifferentialTest} holds the two against the embedded
 * MariaDB. Where MySQL 8 and MariaDB are known to answer differently, the filter is refused:
 *
 * <ul>
 *   <li>Strings: {@code utf8mb4_unicode_ci} ({@link io.fastschema.realtime.filter.MySqlCollation},
 *       the servers' own weights): {@code =}, order and {@code IN} ignore case, accents and
 *       trailing spaces, {@code ß = ss}, every character outside the BMP equals every other; {@code
 *       LIKE} compares characters one by one without padding; {@code $containsfold} uses {@code
 *       utf8mb4_general_ci}.
 *   <li>Integers: numeric strings are decimals ({@code "5.0"}); literals from 2^53 in magnitude are
 *       refused (MariaDB compares them exactly, MySQL as doubles). Float32 columns are widened to
 *       double and compared with the filter's float64, not narrowed to it.
 *   <li>Times: the wall-clock time as written, fractional digits past the sixth cut off; only
 *       {@code Z}, {@code ±00:00} or no offset (MariaDB ignores an offset, MySQL applies it).
 *   <li>uuids: canonical text only, equality operators only (MariaDB orders by the time fields,
 *       MySQL's {@code char(36)} as text). json: {@code $null} only (MariaDB compares the stored
 *       text, MySQL the JSON value).
 *   <li>Booleans are {@code tinyint(1)} holding 0 or 1, which answers every boolean filter as
 *       PostgreSQL does.
 * </ul>
 *
 * <p>Thread-safety: the public types are immutable and thread-safe.
 *
 * <p>May import: the {@code model} package, Jackson. Never Kafka, Jetty or Debezium (checked by
 * architecture-tests).
 */
package io.fastschema.realtime.filter;
