package io.fastschema.realtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 13, item 1: a thread dying with an Error makes the process unready and exit non-zero. */
class FatalErrorWatchTest {

  private final BlockingQueue<Integer> exits = new ArrayBlockingQueue<>(4);
  private final FatalErrorWatch watch = new FatalErrorWatch("test", exits::add);

  private void die(String name, Throwable e) throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              if (e instanceof Error err) {
                throw err;
              }
              throw (RuntimeException) e;
            },
            name);
    t.setUncaughtExceptionHandler(watch);
    t.start();
    t.join(5000);
  }

  @Test
  void aThreadDyingWithAnErrorMakesTheProcessUnreadyAndExitNonZero() throws Exception {
    assertNull(watch.notReadyBecause());

    die("ingest-leadership", new OutOfMemoryError("Java heap space"));

    assertEquals(FatalErrorWatch.EXIT_STATUS, exits.poll(5, TimeUnit.SECONDS));
    String why = watch.notReadyBecause();
    assertTrue(why != null && why.contains("ingest-leadership") && why.contains("heap"), why);
  }

  @Test
  void aThreadDyingWithAnExceptionIsLoggedButNotFatal() throws Exception {
    die("worker", new IllegalStateException("bug"));

    assertNull(exits.poll(200, TimeUnit.MILLISECONDS));
    assertNull(watch.notReadyBecause());
  }
}
