package io.fastschema.realtime.compat;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every case of {@code compat-cases.json} against a running stack, one after the other, and
 * prints one line per case and a summary:
 *
 * <pre>
 * PASS    1.4-event-invalid — 1.4 event
 * FAIL    2.3-cookie — closed with 4401 '[401] Unauthorized' instead of an open connection
 * SKIPPED 3.3-rule — known gap: expr-lang rules are not evaluated (closed with 4403 ...)
 * 97 passed, 1 failed, 1 skipped
 * </pre>
 *
 * <pre>{@code
 * java -cp compat-suite/target/classes:$(cat compat-suite/target/classpath.txt) \
 *     io.fastschema.realtime.compat.CompatibilitySuite --ws-base ws://localhost:8080 \
 *     --jdbc 'jdbc:postgresql://localhost:5432/fastschema?user=fastschema&password=...' \
 *     --app-key "$APP_KEY"
 * }</pre>
 *
 * Exit status: 0 when nothing failed, 1 when a case failed, 2 for bad arguments.
 *
 * <p>Rows a case creates carry a marker unique to the run; access rows (users, roles, permissions,
 * memberships) are deleted after each case, content rows after the run. Each case gets at most
 * {@value #CASE_LIMIT_SECONDS} s. The stack must be ready ({@code /readyz} 200) and its database
 * must hold a user with a root role; roles {@code User} and {@code Guest} are used by name and are
 * assumed to grant no realtime access (FastSchema's setup gives them none).
 */
public final class CompatibilitySuite {

  static final int CASE_LIMIT_SECONDS = 20;

  private final SuiteSettings settings;
  private final PrintStream out;

  private CompatibilitySuite(SuiteSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    SuiteSettings settings;
    try {
      settings = SuiteSettings.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("compat-suite: " + e.getMessage());
      System.exit(2);
      return;
    }
    SuiteReport report = run(settings, System.out);
    System.exit(report.failed() > 0 ? 1 : 0);
  }

  /** Runs every case and prints the report to {@code out}; the last line is the summary. */
  public static SuiteReport run(SuiteSettings settings, PrintStream out) {
    return new CompatibilitySuite(settings, out)
        .runAll(CaseCatalog.load(new AppDatabase(settings.jdbcUrl()).onMySql()));
  }

  private SuiteReport runAll(List<CompatCase> cases) {
    out.println("compat-suite: " + cases.size() + " cases against " + settings);
    AppDatabase db = new AppDatabase(settings.jdbcUrl());
    StackIdentity identity;
    try {
      identity = StackIdentity.discover(db);
    } catch (Exception e) {
      out.println("FAIL    setup — cannot read the database under test: " + e.getMessage());
      List<String> ids = cases.stream().map(CompatCase::id).toList();
      SuiteReport report = new SuiteReport(0, cases.size(), 0, ids);
      out.println(report.summary());
      return report;
    }
    String runPrefix = "cs" + HexFormat.of().formatHex(randomBytes(4));
    int passed = 0;
    int skipped = 0;
    List<String> failed = new ArrayList<>();
    long start = System.nanoTime();
    try (RealtimeClient client = new RealtimeClient()) {
      CaseRunner runner = new CaseRunner(settings, db, client);
      for (int i = 0; i < cases.size(); i++) {
        CompatCase c = cases.get(i);
        CaseScope scope =
            new CaseScope(
                String.format(Locale.ROOT, "%s-%03d", runPrefix, i + 1),
                identity,
                settings.appKey(),
                c.tokens());
        String failure = runOne(runner, c, scope);
        String cleanup = cleanUp(db, c, scope);
        if (failure == null) {
          passed++;
          out.println(
              "PASS    "
                  + c.id()
                  + " — "
                  + c.spec()
                  + (c.knownGap() != null ? " (marked known_gap, but passes: remove the mark)" : "")
                  + cleanup);
        } else if (c.knownGap() != null) {
          skipped++;
          out.println(
              "SKIPPED "
                  + c.id()
                  + " — known gap: "
                  + c.knownGap()
                  + " (observed: "
                  + failure
                  + ")"
                  + cleanup);
        } else {
          failed.add(c.id());
          out.println("FAIL    " + c.id() + " — " + failure + cleanup);
        }
        out.flush();
      }
    }
    try {
      db.deleteContentRows(runPrefix + "-");
    } catch (Exception e) {
      out.println(
          "compat-suite: could not delete the run's content rows ("
              + runPrefix
              + "-…): "
              + e.getMessage());
    }
    out.println(
        "compat-suite: done in "
            + Duration.ofNanos(System.nanoTime() - start).toMillis() / 100 / 10.0
            + " s");
    SuiteReport report = new SuiteReport(passed, failed.size(), skipped, failed);
    out.println(report.summary());
    out.flush();
    return report;
  }

  /** Null when the case passed, else why not. */
  private static String runOne(CaseRunner runner, CompatCase c, CaseScope scope) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "compat-case-" + c.id());
              t.setDaemon(true);
              return t;
            });
    try {
      Future<?> done =
          thread.submit(
              () -> {
                runner.run(c, scope);
                return null;
              });
      done.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return cause instanceof CaseFailure ? cause.getMessage() : "error: " + cause;
    } catch (TimeoutException e) {
      return "took longer than " + CASE_LIMIT_SECONDS + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      thread.shutdownNow();
    }
  }

  /** Empty when clean-up worked, else a note for the case's line. */
  private static String cleanUp(AppDatabase db, CompatCase c, CaseScope scope) {
    try {
      for (String sql : c.cleanup()) {
        db.execute(scope.resolve(sql));
      }
      db.deleteAccessRows(scope.uuids());
      return "";
    } catch (Exception e) {
      return " [clean-up failed: " + e.getMessage() + "]";
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
