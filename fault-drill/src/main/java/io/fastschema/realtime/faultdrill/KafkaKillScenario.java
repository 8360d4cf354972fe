package io.fastschema.realtime.faultdrill;

/**
 * kill -9 the Kafka broker's JVM during writes and start it again on the same data and ports.
 * Ingest keeps reading the database and its producer retries (or its engine restarts from the
 * offsets in Kafka); the fanout's consumers reconnect and continue from their positions.
 */
final class KafkaKillScenario extends Scenario {

  KafkaKillScenario(int rows, int rate, int faultAfterRows) {
    super(
        "kafka-kill",
        "kill -9 the Kafka broker JVM during writes, start it again",
        rows,
        rate,
        faultAfterRows,
        1);
  }

  @Override
  FaultTimes inject(DrillStack stack, Clients clients) {
    stack.kafka().kill9();
    long downAt = System.nanoTime();
    stack.kafka().launch();
    return new FaultTimes(downAt, System.nanoTime());
  }
}
