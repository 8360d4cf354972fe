package io.fastschema.realtime.fanout.hub;

import java.time.Duration;

/**
 * How long a write lane rests after a pass before its next one: zero while the lane keeps up, and
 * growing while it is busier than it is idle, so that a saturated node writes each client fewer,
 * larger batches instead of falling further behind.
 *
 * <p>Why: a write to a socket costs about as much as framing tens of messages (the system call, and
 * the kernel's TCP work for it), so the CPU per message depends mostly on how many messages each
 * write carries. A lane that writes every client after every poll does one write per client per
 * poll however few messages the poll held: at 1M messages/s to 1,000 clients that was 8 messages
 * per write and 1.34 µs of CPU per message; resting 30 ms between passes made it about 30 messages
 * per write and 0.50 µs (BENCHMARKS.md, "Writes in fewer, larger batches"). A fixed rest would add
 * its length to every message's latency on a node that is not busy; this one is zero there.
 *
 * <p>The rule, after each pass: the lane was <em>busy</em> if the pass's work took longer than
 * everything else since the previous pass (waiting for work plus the rest it took) and at least
 * {@link #BUSY_WORK}; then the rest doubles (from 1 ms, up to the maximum). If it waited for work
 * longer than it rested, it keeps up: no rest. If the work took less than a third of its waiting
 * and resting, the rest halves (to zero below 250 µs). In between it stays: a saturated lane
 * settles where it works about as long as it rests, half its time. A message waits at most one rest
 * longer than it would have, and only while the node is behind. Work is measured in wall time, so a
 * lane that other processes starve of CPU rests too: fewer, larger writes are what a starved node
 * needs as well.
 *
 * <p>One per lane: only its lane's thread notes passes and waits; {@link #restNow} may be read by
 * any thread (the metrics).
 */
final class WriteLinger {

  /** A pass shorter than this never makes its lane rest: writing is cheap at that rate. */
  static final long BUSY_WORK = Duration.ofMillis(1).toNanos();

  /** The first rest of a lane that became busy. */
  static final long FIRST_REST = Duration.ofMillis(1).toNanos();

  /** A rest shorter than this becomes none. */
  static final long SHORTEST_REST = Duration.ofNanos(250_000).toNanos();

  private final long maxRest;

  /** Written by the lane's thread only; volatile for the metrics' reads. */
  private volatile long rest;

  /** Whether the lane waits for work (it rests then only after its next pass); as {@link #rest}. */
  private volatile boolean waiting;

  /**
   * @param maxRest the longest rest; zero never rests (every pass starts as soon as there is work)
   */
  WriteLinger(Duration maxRest) {
    this.maxRest = maxRest.toNanos();
  }

  /**
   * Notes a pass and gives the rest to take before the next one.
   *
   * @param workNanos how long the pass took
   * @param idleNanos how long the lane waited for work before it, not counting the rest it took
   * @return nanoseconds to rest; 0 for none
   */
  long afterPass(long workNanos, long idleNanos) {
    long notWorking = idleNanos + rest;
    if (workNanos >= BUSY_WORK && workNanos > notWorking) {
      rest = Math.min(maxRest, Math.max(FIRST_REST, rest * 2));
    } else if (idleNanos > rest) {
      rest = 0;
    } else if (workNanos * 3 < notWorking) {
      rest = rest / 2 < SHORTEST_REST ? 0 : rest / 2;
    }
    return rest;
  }

  /** The rest the next pass will be preceded by, in nanoseconds (tests). */
  long rest() {
    return rest;
  }

  /** Notes whether the lane is waiting for work (between passes, after its rest). */
  void waiting(boolean waiting) {
    this.waiting = waiting;
  }

  /**
   * The lane's rest as the metrics show it: 0 while the lane waits for work, since a lane with
   * nothing to write is not saturated whatever it rested last (a node idle after a burst would
   * otherwise show its last rest for as long as it stays idle).
   */
  long restNow() {
    return waiting ? 0 : rest;
  }
}
