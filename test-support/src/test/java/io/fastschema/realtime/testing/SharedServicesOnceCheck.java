package io.fastschema.realtime.testing;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the first {@link SharedServices} any test class saw, to prove later ones get the same.
 */
final class SharedServicesOnceCheck {

  private static final AtomicReference<SharedServices> FIRST_SEEN = new AtomicReference<>();

  private SharedServicesOnceCheck() {}

  static void assertSameAsEveryOtherClass(SharedServices services) {
    FIRST_SEEN.compareAndSet(null, services);
    assertSame(FIRST_SEEN.get(), services, "services were started more than once");
  }
}
