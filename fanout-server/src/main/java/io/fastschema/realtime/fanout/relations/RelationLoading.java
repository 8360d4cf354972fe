package io.fastschema.realtime.fanout.relations;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Brings tables into the {@link RelationStore} before a subscription that reads them starts. */
public interface RelationLoading {

  /**
   * Loads the tables (a table already loaded costs nothing). The future completes on the thread
   * that dispatches deliveries, between two polls, once every table is read to its end: a session
   * registered from there is judged with them from its first delivery on. It fails, naming the
   * cause, when the node cannot hold them.
   */
  CompletableFuture<Void> load(Set<String> tables);

  /**
   * Whether every table is held already: a session that needs only these joins at once, like one
   * without relations. Any thread.
   */
  boolean holds(Set<String> tables);
}
