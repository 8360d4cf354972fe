package io.fastschema.realtime.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Garbage collections so far, summed over all collectors; the difference of two snapshots says
 * whether a tail latency coincides with collection work.
 *
 * @param collections number of collections
 * @param millis accumulated collection time as the JVM reports it
 */
public record GcActivity(long collections, long millis) {

  public static GcActivity now() {
    long count = 0;
    long time = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      time += Math.max(0, gc.getCollectionTime());
    }
    return new GcActivity(count, time);
  }

  public GcActivity since(GcActivity earlier) {
    return new GcActivity(collections - earlier.collections, millis - earlier.millis);
  }
}
