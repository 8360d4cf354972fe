package io.fastschema.realtime.standalone;

import io.fastschema.realtime.embedded.EmbeddedPostgresServer;
import io.fastschema.realtime.lifecycle.FatalErrorWatch;
import io.fastschema.realtime.lifecycle.ShutdownDeadline;
import java.time.Duration;

/**
 * A child process for {@link ProcessDeathTest}: starts embedded PostgreSQL as the standalone jar
 * does (stopped by the process's own hook, not zonky's), prints its pid, then dies the way {@code
 * args[0]} says: {@code error} (a thread dies with an Error) or {@code halt} (no hooks run, as
 * after a crash or kill -9).
 */
public final class DyingProcess {

  private DyingProcess() {}

  public static void main(String[] args) throws Exception {
    FatalErrorWatch.install("dying-process", System::exit);
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(false);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ShutdownDeadline.arm(Duration.ofSeconds(20));
                  pg.close();
                },
                "dying-process-stop"));
    System.out.println("POSTMASTER " + pg.postmasterPid());
    System.out.flush();
    switch (args[0]) {
      case "error" ->
          new Thread(
                  () -> {
                    throw new OutOfMemoryError("drill: Java heap space");
                  },
                  "ingest-leadership")
              .start();
      case "halt" -> Runtime.getRuntime().halt(3);
      default -> throw new IllegalArgumentException(args[0]);
    }
    Thread.sleep(60_000); // the watch exits long before
    System.exit(0);
  }
}
