package io.fastschema.realtime.fanout.hub;

import io.fastschema.realtime.filter.EqualityKey;
import io.fastschema.realtime.filter.NullKey;
import io.fastschema.realtime.filter.RangeKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of one index slot that share a {@link SubscriptionView} (same filter and select
 * texts): the hub evaluates the view once per event and queues the same message to all of them.
 *
 * <p>Thread-safety: the session set is concurrent; {@link FilterKeyIndex} adds and removes under
 * its writer lock while the dispatching thread iterates.
 */
final class ViewGroup {

  private final SubscriptionView view;

  /** The view's filter key, where the group is indexed; null for the scan set. */
  private final EqualityKey key;

  /** Without an equality key: the view's filter interval, where the group is indexed, or null. */
  private final RangeKey rangeKey;

  /** Without an equality key: the view's filter's {@code $null} test, or null. */
  private final NullKey nullKey;

  private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

  ViewGroup(SubscriptionView view) {
    this.view = view;
    this.key = view.filter() == null ? null : view.filter().equalityKey().orElse(null);
    boolean unkeyed = key == null && view.filter() != null;
    this.rangeKey = unkeyed ? view.filter().rangeKey().orElse(null) : null;
    this.nullKey = unkeyed ? view.filter().nullKey().orElse(null) : null;
  }

  NullKey nullKey() {
    return nullKey;
  }

  RangeKey rangeKey() {
    return rangeKey;
  }

  SubscriptionView view() {
    return view;
  }

  EqualityKey key() {
    return key;
  }

  Set<ClientSession> sessions() {
    return sessions;
  }

  @Override
  public String toString() {
    return "ViewGroup["
        + view
        + ", "
        + (key != null ? key : rangeKey != null ? rangeKey : nullKey)
        + ", "
        + sessions.size()
        + " sessions]";
  }
}
