package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.event.Operation;
import io.fastschema.realtime.fanout.auth.AuthenticatedUser;
import io.fastschema.realtime.model.Schema;

/**
 * What one connection asked for in its handshake: FastSchema has one subscription per socket.
 *
 * @param schema the schema subscribed to
 * @param operation the one operation wanted, or null for {@code event=*}
 * @param recordKey the canonical primary-key text of the one record wanted ({@code id}), or null
 * @param user who subscribed; null for a guest (no token)
 * @param resource the permission resource checked at connect and again on every access change
 * @param view the rows and columns it sees ({@code filter}, {@code select})
 * @param resume the handshake's {@code since}, or null: then messages are FastSchema's, byte for
 *     byte, without cursors
 */
public record Subscription(
    Schema schema,
    Operation operation,
    String recordKey,
    AuthenticatedUser user,
    String resource,
    SubscriptionView view,
    ResumeRequest resume) {

  /** A subscription without resume. */
  public Subscription(
      Schema schema,
      Operation operation,
      String recordKey,
      AuthenticatedUser user,
      String resource,
      SubscriptionView view) {
    this(schema, operation, recordKey, user, resource, view, null);
  }

  /** A subscription that sees every row and column. */
  public Subscription(
      Schema schema,
      Operation operation,
      String recordKey,
      AuthenticatedUser user,
      String resource) {
    this(schema, operation, recordKey, user, resource, SubscriptionView.ALL);
  }

  public String userId() {
    return user == null ? "guest" : user.id();
  }

  public boolean wants(Operation op) {
    return operation == null || operation == op;
  }

  /** FastSchema sends objects instead of arrays when the handshake had an id. */
  public boolean isRecordScoped() {
    return recordKey != null;
  }

  public Subscription withResume(ResumeRequest r) {
    return new Subscription(schema, operation, recordKey, user, resource, view, r);
  }
}
