package io.fastschema.realtime.benchmarks;

/**
 * Makes one benchmark change: sets {@code views} of the given blog rows to {@code seq}'s value (see
 * {@link RowValue}) and records in the {@link WriteLog} when it started and when it was
 * acknowledged. {@link UpdateWriter} commits it to PostgreSQL (ingest then publishes it); {@link
 * TopicFeed} publishes the event ingest would have published straight to Kafka.
 */
interface ChangeWriter extends AutoCloseable {

  void writeRows(int seq, Long[] blogIds) throws Exception;

  @Override
  void close() throws Exception;
}
