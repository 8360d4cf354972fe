package io.fastschema.realtime.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fastschema.realtime.standalone.StandaloneMain;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole compatibility table against the one-command stack ({@code StandaloneMain} on embedded
 * defaults, in this JVM): every case passes or is a marked known gap.
 */
class CompatibilitySuiteTest {

  private static final String APP_KEY = "compat-suite-test-key-0123456789abcdef";

  /** The banner's "without psql" line carries the JDBC URL with user and password. */
  private static final Pattern JDBC_IN_BANNER = Pattern.compile("SqlCommand '(jdbc:[^']+)'");

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyCaseHoldsAgainstTheStandaloneStack() throws Exception {
    ByteArrayOutputStream banner = new ByteArrayOutputStream();
    try (StandaloneMain stack =
        StandaloneMain.launch(
            Map.of("REALTIME_PORT", "0", "REALTIME_MANAGEMENT_PORT", "0", "APP_KEY", APP_KEY),
            new PrintStream(banner, true, StandardCharsets.UTF_8))) {
      Matcher jdbc = JDBC_IN_BANNER.matcher(banner.toString(StandardCharsets.UTF_8));
      assertTrue(jdbc.find(), () -> "no JDBC URL in the banner:\n" + banner);
      SuiteSettings settings =
          new SuiteSettings(
              URI.create("ws://127.0.0.1:" + stack.pipeline().port()), jdbc.group(1), APP_KEY);

      ByteArrayOutputStream report = new ByteArrayOutputStream();
      SuiteReport result =
          CompatibilitySuite.run(
              settings, new PrintStream(new Tee(report, System.out), true, StandardCharsets.UTF_8));

      assertEquals(
          0,
          result.failed(),
          () ->
              "failed cases "
                  + result.failedIds()
                  + ":\n"
                  + report.toString(StandardCharsets.UTF_8));
      assertTrue(result.passed() > 0, result::summary);
    }
  }

  /** Writes to two streams: the report stays in the test output and in the failure message. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws java.io.IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
