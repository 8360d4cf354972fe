package io.fastschema.realtime.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Writes JSON values to byte arrays with a generator configured by a mapper: the bytes {@link
 * ObjectMapper#writeValueAsBytes} writes for the equivalent tree, without the tree.
 *
 * <p>An instance keeps one generator and one buffer for value after value, which spares the
 * generator set-up and the buffer-pool lookups per value ({@link #write(JsonWritable, String)}):
 * for a thread that encodes many values, as ingest's handler thread does. Not thread-safe. {@link
 * #writeOnce} is the thread-safe form, for occasional values.
 */
public final class JsonOutput {

  private final ObjectMapper mapper;
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(4096);
  private JsonGenerator generator;

  public JsonOutput(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param what names the value in the exception when writing fails
   */
  public byte[] write(JsonWritable value, String what) {
    try {
      if (generator == null) {
        generator = mapper.createGenerator(buffer, JsonEncoding.UTF8);
        // Values are separate byte arrays, not a stream of root values: nothing between them.
        generator.setRootValueSeparator(null);
      }
      value.writeTo(generator);
      generator.flush();
      return buffer.toByteArray();
    } catch (IOException | RuntimeException e) {
      generator = null; // its state is unknown now: the next value starts a fresh one
      throw new IllegalStateException("cannot encode " + what, e);
    } finally {
      buffer.reset();
    }
  }

  /** Writes one value with a generator of its own over the mapper's recycled buffers. */
  public static byte[] writeOnce(ObjectMapper mapper, JsonWritable value, String what) {
    BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
        value.writeTo(g);
      }
      return out.getClearAndRelease();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + what, e);
    } finally {
      recycler.releaseToPool();
    }
  }
}
