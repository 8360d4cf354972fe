package io.fastschema.realtime.fanout.jetty;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one {@link URI} instance per distinct text, so that thousands of connections to the
 * same path hold one object instead of one each. Bounded: the text includes the authority, which
 * comes from the client's {@code Host} header, so once {@code capacity} distinct texts are kept
 * further ones get a URI of their own instead of growing the map.
 *
 * <p>Thread-safe.
 */
final class SharedUris {

  private final int capacity;
  private final ConcurrentHashMap<String, URI> uris = new ConcurrentHashMap<>();

  SharedUris(int capacity) {
    this.capacity = capacity;
  }

  /** The URI of {@code text}: the shared instance when there is one or there is room for it. */
  URI of(String text) {
    URI shared = uris.get(text);
    if (shared != null) {
      return shared;
    }
    URI uri = URI.create(text);
    if (uris.size() >= capacity) {
      return uri;
    }
    URI raced = uris.putIfAbsent(text, uri);
    return raced == null ? uri : raced;
  }

  /** Distinct texts kept. */
  int size() {
    return uris.size();
  }
}
