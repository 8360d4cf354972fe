package io.fastschema.realtime.ingest;

import io.fastschema.realtime.ingest.IngestService.State;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service's state, changed only through {@link #moveTo}: a compare-and-set from the
 * states a change allows, logged, and never out of {@link State#STOPPED}. The leadership thread,
 * the engine's callbacks and {@link IngestService#close()} all race to change it; a check followed
 * by a separate set could overwrite a STOPPED that close() had just written, and relaunch the
 * engine onto a shut-down executor.
 *
 * <p>Thread-safe.
 */
final class IngestLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(IngestLifecycle.class);

  /** Every state but STOPPED: where a running service may be. */
  static final Set<State> RUNNING = EnumSet.complementOf(EnumSet.of(State.STOPPED));

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

  State get() {
    return state.get();
  }

  boolean stopped() {
    return state.get() == State.STOPPED;
  }

  /**
   * Moves to {@code next} if the current state is one of {@code from}; STOPPED is left by no move.
   *
   * @param why logged with the change, or null
   * @return the state left, or null when the move was refused
   */
  State moveTo(State next, Set<State> from, String why) {
    while (true) {
      State current = state.get();
      if (current == State.STOPPED || !from.contains(current)) {
        return null;
      }
      if (state.compareAndSet(current, next)) {
        if (why == null) {
          LOG.info("Ingest {} -> {}", current, next);
        } else {
          LOG.info("Ingest {} -> {}: {}", current, next, why);
        }
        return current;
      }
    }
  }
}
