package io.fastschema.realtime.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * JSON bytes written with a streaming generator configured by a mapper, over the mapper's recycled
 * buffers: the same bytes {@link ObjectMapper#writeValueAsBytes} writes for the equivalent tree,
 * without the tree.
 */
final class JsonBytes {

  private JsonBytes() {}

  /** What is written: one JSON value. */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  /**
   * @param what names the value in the exception when writing fails
   */
  static byte[] write(ObjectMapper mapper, Body body, String what) {
    BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
        body.writeTo(g);
      }
      return out.getClearAndRelease();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + what, e);
    } finally {
      recycler.releaseToPool();
    }
  }
}
