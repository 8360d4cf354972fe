package io.fastschema.realtime.benchmarks.ceiling;

/**
 * One {@code snapshot} reply of the client JVM (see {@link CountingClients}).
 *
 * @param nanoTime the client JVM's {@code System.nanoTime} when counted
 * @param cpuNanos the client JVM's CPU time
 * @param messages messages received so far, all connections
 * @param payloadBytes payload bytes received so far
 * @param minDelta fewest messages one connection received since the previous snapshot
 * @param maxDelta most messages one connection received since the previous snapshot
 * @param open connections open
 * @param badFrames frames that were not text (should stay 0)
 */
record ClientSnapshot(
    long nanoTime,
    long cpuNanos,
    long messages,
    long payloadBytes,
    long minDelta,
    long maxDelta,
    int open,
    int badFrames) {

  static ClientSnapshot parse(String line) {
    String[] f = line.split(" ");
    if (f.length != 9 || !f[0].equals("snapshot")) {
      throw new IllegalStateException("client JVM answered '" + line + "' to snapshot");
    }
    return new ClientSnapshot(
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Long.parseLong(f[6]),
        Integer.parseInt(f[7]),
        Integer.parseInt(f[8]));
  }
}
