package io.fastschema.realtime.fanout.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SharedUrisTest {

  @Test
  void oneInstancePerText() {
    SharedUris uris = new SharedUris(4);
    URI first = uris.of("ws://node:8080/api/realtime/content");
    assertSame(first, uris.of(new String("ws://node:8080/api/realtime/content")));
    assertEquals(URI.create("ws://node:8080/api/realtime/content"), first);
    assertEquals(1, uris.size());
  }

  @Test
  void staysWithinItsCapacityWhenHostsVary() {
    SharedUris uris = new SharedUris(2);
    for (int i = 0; i < 100; i++) {
      assertEquals(URI.create("ws://host" + i + "/rt"), uris.of("ws://host" + i + "/rt"));
    }
    assertEquals(2, uris.size());
    // Past the capacity a text gets a URI of its own, equal but not shared.
    assertNotSame(uris.of("ws://host50/rt"), uris.of("ws://host50/rt"));
    assertSame(uris.of("ws://host0/rt"), uris.of("ws://host0/rt"));
  }
}
