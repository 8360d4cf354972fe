package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every measured write as one CSV row, so that tail latencies can be lined up with time (periodic
 * offset flushes, GC, a neighbour's load) instead of being guessed at from percentiles. Columns:
 * sequence number, commit acknowledgement in ms since the first measured one, {@code executeUpdate}
 * ms, latency ms of the first client and the slowest client (empty if lost), and with stages the
 * capture and Kafka-read times in ms after the acknowledgement.
 *
 * <p>Not thread-safe; written once after the run.
 */
final class SampleTable {

  static final String FILE_NAME = "commit-to-client-latency-samples.csv";

  private SampleTable() {}

  static Path write(
      Path dir,
      WriteLog writes,
      List<RowSubscriber> clients,
      StageProbe probe,
      ClockAnchor anchor,
      int from,
      int to)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write(
          "seq,ack_ms,execute_update_ms,latency_ms,slowest_latency_ms"
              + (probe == null ? "" : ",capture_after_ack_ms,kafka_read_after_ack_ms")
              + "\n");
      long origin = writes.ackNanos(from);
      for (int seq = from; seq < to; seq++) {
        long ack = writes.ackNanos(seq);
        out.write(
            seq
                + ","
                + ms(ack - origin)
                + ","
                + ms(ack - writes.startNanos(seq))
                + ","
                + latency(clients.get(0), seq, ack)
                + ","
                + slowest(clients, seq, ack)
                + (probe == null ? "" : "," + stages(probe, anchor, seq, ack))
                + "\n");
      }
    }
    return file;
  }

  private static String latency(RowSubscriber client, int seq, long ack) {
    return client.received(seq) ? ms(client.arrivalNanos(seq) - ack) : "";
  }

  /** Empty when any client lost the write. */
  private static String slowest(List<RowSubscriber> clients, int seq, long ack) {
    long worst = Long.MIN_VALUE;
    for (RowSubscriber client : clients) {
      if (!client.received(seq)) {
        return "";
      }
      worst = Math.max(worst, client.arrivalNanos(seq) - ack);
    }
    return ms(worst);
  }

  private static String stages(StageProbe probe, ClockAnchor anchor, int seq, long ack) {
    if (probe.readNanos(seq) == WriteLog.NONE || probe.captureTsMs(seq) == WriteLog.NONE) {
      return ",";
    }
    long ackEpoch = anchor.toEpochNanos(ack);
    return ms(probe.captureTsMs(seq) * 1_000_000L - ackEpoch)
        + ","
        + ms(probe.readNanos(seq) - ack);
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
