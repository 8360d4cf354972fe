package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.filter.Projection;
import io.fastschema.realtime.filter.RowFilter;

/**
 * Which rows and columns of a schema a subscription sees: its {@code filter} and {@code select}.
 * Two subscriptions with the same texts share one evaluation and one encoded message per event
 * (equality is on the texts, not on the compiled forms).
 *
 * @param filterText the handshake's filter as given (empty for none)
 * @param selectText the handshake's select as given (empty for none)
 */
public record SubscriptionView(
    String filterText, String selectText, RowFilter filter, Projection projection) {

  /** Every row, every column. */
  public static final SubscriptionView ALL = new SubscriptionView("", "", null, null);

  public boolean isAll() {
    return (filter == null || filter.matchesAll())
        && (projection == null || projection.selectsAll());
  }

  /** Whether the subscriber may see this row (the after-image, or a delete's before-image). */
  public boolean admits(ObjectNode row) {
    return filter == null || filter.matches(row);
  }

  /** The row as the subscriber sees it. */
  public ObjectNode project(ObjectNode row) {
    return projection == null ? row : projection.apply(row);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubscriptionView v
        && v.filterText.equals(filterText)
        && v.selectText.equals(selectText);
  }

  @Override
  public int hashCode() {
    return filterText.hashCode() * 31 + selectText.hashCode();
  }

  @Override
  public String toString() {
    return "SubscriptionView[filter=" + filterText + ", select=" + selectText + "]";
  }
}
