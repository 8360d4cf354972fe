package io.fastschema.realtime.fanout.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.filter.Projection;
import io.fastschema.realtime.filter.RelatedRows;
import io.fastschema.realtime.filter.RelationProjection;
import io.fastschema.realtime.filter.RowFilter;
import java.util.Set;

/**
 * Which rows and columns of a schema a subscription sees: its {@code filter} and {@code select}.
 * Two subscriptions with the same texts share one evaluation and one encoded message per event
 * (equality is on the texts, not on the compiled forms).
 *
 * @param filterText the handshake's filter as given (empty for none)
 * @param selectText the handshake's select as given (empty for none)
 * @param projection the select when it names no relation, else null
 * @param relationSelect the select when it names a relation ({@code tags}, {@code category.name}),
 *     else null
 * @param relationTables the tables whose relation state the filter and select read (empty when they
 *     read none)
 */
public record SubscriptionView(
    String filterText,
    String selectText,
    RowFilter filter,
    Projection projection,
    RelationProjection relationSelect,
    Set<String> relationTables) {

  /** Every row, every column. */
  public static final SubscriptionView ALL =
      new SubscriptionView("", "", null, null, null, Set.of());

  public SubscriptionView {
    relationTables = Set.copyOf(relationTables);
  }

  /** A view without relations. */
  public SubscriptionView(
      String filterText, String selectText, RowFilter filter, Projection projection) {
    this(filterText, selectText, filter, projection, null, Set.of());
  }

  public boolean isAll() {
    return (filter == null || filter.matchesAll())
        && (projection == null || projection.selectsAll())
        && relationSelect == null;
  }

  /** Whether judging or showing a row reads related records. */
  public boolean readsRelations() {
    return !relationTables.isEmpty();
  }

  /** Whether the subscriber may see this row (the after-image, or a delete's before-image). */
  public boolean admits(ObjectNode row) {
    return filter == null || filter.matches(row);
  }

  /** Same, with the records related to the row as the event's consistency rule has them. */
  public boolean admits(ObjectNode row, RelatedRows related) {
    return filter == null || filter.matches(row, related);
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
