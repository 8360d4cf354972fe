package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.CloseReason;
import io.fastschema.realtime.fanout.auth.AuthenticatedUser;
import io.fastschema.realtime.fanout.stream.CursorBinding;
import io.fastschema.realtime.fanout.stream.CursorKey;
import io.fastschema.realtime.fanout.stream.ResumeCursor;
import io.fastschema.realtime.fanout.stream.StreamPosition;
import io.fastschema.realtime.filter.FilterException;
import io.fastschema.realtime.filter.Projection;
import io.fastschema.realtime.filter.ProjectionException;
import io.fastschema.realtime.filter.RelationProjection;
import io.fastschema.realtime.filter.RowFilter;
import io.fastschema.realtime.filter.SqlDialect;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the handshake's query arguments into a {@link Subscription}, validating in FastSchema's
 * order: {@code event}, then {@code schema}, then {@code id}, {@code filter}, {@code select}, and
 * then ours, {@code since}. As in FastSchema, an empty value counts as absent.
 */
public final class SubscriptionRequest {

  private SubscriptionRequest() {}

  /** Cursors of {@link #resolve(Map, SchemaCatalog, AuthenticatedUser)}: tests only. */
  private static final CursorKey TEST_KEY = CursorKey.derive(new byte[32]);

  /** Resolves with the topic prefix {@code fastschema} and a key of zeros (tests). */
  public static Subscription resolve(
      Map<String, String> query, SchemaCatalog catalog, AuthenticatedUser user)
      throws HandshakeRejection {
    return resolve(query, catalog, user, "fastschema", TEST_KEY, SqlDialect.POSTGRESQL);
  }

  /**
   * @param topicPrefix the Kafka topic prefix: a cursor is checked against its schema's topic
   * @param cursors the key a cursor is checked with, bound to the user and the subscription
   * @param dialect the database whose answers the filter gives
   */
  public static Subscription resolve(
      Map<String, String> query,
      SchemaCatalog catalog,
      AuthenticatedUser user,
      String topicPrefix,
      CursorKey cursors,
      SqlDialect dialect)
      throws HandshakeRejection {
    String event = nonEmpty(query.get("event"));
    Operation op = null;
    if (event != null && !event.equals("*")) {
      try {
        op = Operation.fromWireName(event);
      } catch (IllegalArgumentException e) {
        throw new HandshakeRejection(
            CloseReason.BAD_REQUEST, "realtime.content: invalid event '" + event + "'");
      }
    }
    String name = nonEmpty(query.get("schema"));
    Schema schema = name == null ? null : catalog.schema(name).orElse(null);
    if (schema == null) {
      throw new HandshakeRejection(
          CloseReason.UNKNOWN_SCHEMA,
          "realtime.content: schema not found: " + (name == null ? "" : name));
    }
    String id = nonEmpty(query.get("id"));
    String key = null;
    if (id != null) {
      try {
        key = RecordKeys.ofArgument(schema.primaryKey(), id);
      } catch (IllegalArgumentException e) {
        throw new HandshakeRejection(CloseReason.BAD_REQUEST, e.getMessage());
      }
    }
    SubscriptionView view = viewOf(query, schema, catalog, dialect);
    // Interned: the schema and event are valid here, so there are a few such texts per node,
    // where a copy per connection was 72 bytes of each idle one's heap (issue 14 item 4).
    String resource = resourceOf(query).intern();
    Subscription s = new Subscription(schema, op, key, user, resource, view);
    String since = nonEmpty(query.get("since"));
    if (since == null) {
      return s;
    }
    String topic = topicPrefix + "." + schema.name();
    return s.withResume(resumeOf(since, topic, bindingOf(s, topic, cursors)));
  }

  /**
   * Whom a cursor is issued to: the user, and everything that decides what the subscription
   * receives. The filter and select texts as given (a cursor covers what passed them by).
   */
  public static CursorBinding bindingOf(Subscription s, String topic, CursorKey cursors) {
    return cursors.bind(
        s.user() == null ? null : s.user().id(),
        topic,
        s.operation() == null ? "*" : s.operation().wireName(),
        s.recordKey(),
        s.view().filterText(),
        s.view().selectText());
  }

  /** {@code since}: {@code now}, or a cursor of this schema's topic issued to this binding. */
  private static ResumeRequest resumeOf(String since, String topic, CursorBinding binding)
      throws HandshakeRejection {
    if (since.equals("now")) {
      return ResumeRequest.now(binding);
    }
    try {
      return ResumeRequest.fromCursor(StreamPosition.ofCursor(since, topic, binding), binding);
    } catch (ResumeCursor.InvalidCursorException e) {
      throw new HandshakeRejection(
          CloseReason.BAD_REQUEST, "realtime.content: invalid since: " + e.getMessage());
    }
  }

  /** Compiles {@code filter} then {@code select}; either failing is a 4400 naming the problem. */
  private static SubscriptionView viewOf(
      Map<String, String> query, Schema schema, SchemaCatalog catalog, SqlDialect dialect)
      throws HandshakeRejection {
    String filterText = nonEmpty(query.get("filter"));
    String selectText = nonEmpty(query.get("select"));
    if (filterText == null && selectText == null) {
      return SubscriptionView.ALL;
    }
    RowFilter filter = null;
    if (filterText != null) {
      try {
        filter = RowFilter.parseWithRelations(filterText, schema, catalog, dialect);
      } catch (FilterException e) {
        throw new HandshakeRejection(
            CloseReason.BAD_REQUEST, "realtime.content: invalid filter: " + e.getMessage());
      }
    }
    Projection projection = null;
    RelationProjection relationSelect = null;
    if (selectText != null) {
      try {
        // FastSchema's own texts for bad paths come from the relation-aware parse; a select that
        // names no relation keeps the plain projection (columns only, shared encodings).
        relationSelect = RelationProjection.parse(selectText, schema, catalog);
        if (!relationSelect.needsRelatedRows()) {
          relationSelect = null;
          projection = Projection.parse(selectText, schema);
        }
      } catch (ProjectionException e) {
        // FastSchema fails on every event instead; refusing at connect is the fix.
        throw new HandshakeRejection(
            CloseReason.BAD_REQUEST, "realtime.content: invalid select: " + e.getMessage());
      }
    }
    Set<String> tables = new TreeSet<>();
    if (filter != null && filter.needsRelatedRows()) {
      tables.addAll(filter.relatedTables(catalog));
    }
    if (relationSelect != null) {
      tables.addAll(relationSelect.relatedTables(catalog));
    }
    return new SubscriptionView(
        filterText == null ? "" : filterText,
        selectText == null ? "" : selectText,
        filter,
        projection,
        relationSelect,
        tables);
  }

  /**
   * FastSchema's permission resource for a realtime handshake: built from the raw arguments, before
   * they are validated ({@code event} defaults to {@code *}).
   */
  public static String resourceOf(Map<String, String> query) {
    String schema = query.get("schema");
    String event = nonEmpty(query.get("event"));
    return "api.realtime.content."
        + (schema == null ? "" : schema)
        + "."
        + (event == null ? "*" : event);
  }

  private static String nonEmpty(String v) {
    return v == null || v.isEmpty() ? null : v;
  }
}
