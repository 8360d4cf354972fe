package io.fastschema.realtime.faultdrill;

import io.fastschema.realtime.embedded.InProcessKafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/**
 * The drill's Kafka broker as a process of its own, so that it can be killed with SIGKILL and
 * started again on the same directory and ports: {@code KafkaBrokerMain <dir> <brokerPort>
 * <controllerPort>}. Prints {@link #READY} once the broker accepts clients, then runs until killed
 * (SIGTERM closes it and keeps the data).
 */
public final class KafkaBrokerMain {

  static final String READY = "kafka-broker-ready";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: KafkaBrokerMain <directory> <brokerPort> <controllerPort>");
      System.exit(2);
    }
    InProcessKafkaBroker broker =
        InProcessKafkaBroker.startAt(
            Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Map.of());
    System.out.println(READY + " " + broker.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
