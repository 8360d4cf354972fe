package io.fastschema.realtime.lifecycle;

import java.util.function.IntConsumer;

/**
 * No thread dies silently. Installed as the JVM's default uncaught-exception handler: a thread that
 * dies with an {@link Error} (out of memory, stack overflow, a linkage error) leaves the process in
 * a state nobody can vouch for (a leadership loop, a consumer or a reaper is gone while {@code
 * /readyz} still said 200), so the watch makes the process not ready and then exits it with {@link
 * #EXIT_STATUS}, running the shutdown hooks, for an orchestrator to restart it. Other exceptions
 * that kill a thread are logged with their stack and the thread's name.
 *
 * <p>Threads that set their own handler (Kafka's) are not covered; the Docker images also run with
 * {@code -XX:+ExitOnOutOfMemoryError} for those.
 *
 * <p>Thread-safe.
 */
public final class FatalErrorWatch implements Thread.UncaughtExceptionHandler, ReadinessProbe {

  /** The process's exit status after a fatal error (EX_SOFTWARE). */
  public static final int EXIT_STATUS = 70;

  private final String process;
  private final IntConsumer exit;

  /** The first fatal error, as readiness reports it; null while there was none. */
  private volatile String fatal;

  FatalErrorWatch(String process, IntConsumer exit) {
    this.process = process;
    this.exit = exit;
  }

  /**
   * Installs a watch as the default handler of every thread without its own.
   *
   * @param process the process's name, for the messages
   * @param exit how to end the process ({@code System::exit} in a main)
   */
  public static FatalErrorWatch install(String process, IntConsumer exit) {
    FatalErrorWatch watch = new FatalErrorWatch(process, exit);
    Thread.setDefaultUncaughtExceptionHandler(watch);
    return watch;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable e) {
    if (!(e instanceof Error)) {
      System.err.println(process + ": thread " + thread.getName() + " died:");
      e.printStackTrace();
      return;
    }
    String why = "thread " + thread.getName() + " died with " + e;
    if (fatal == null) {
      fatal = why;
    }
    // System.err, not the logger: after an OutOfMemoryError a logger may fail to allocate.
    System.err.println(process + ": fatal: " + why + "; exiting with status " + EXIT_STATUS);
    e.printStackTrace();
    // System.exit blocks until the shutdown hooks ran; a new thread, so that a hook waiting for
    // the dying thread cannot deadlock with it.
    Thread exiting = new Thread(() -> exit.accept(EXIT_STATUS), process + "-fatal-exit");
    exiting.start();
  }

  @Override
  public String notReadyBecause() {
    return fatal;
  }
}
