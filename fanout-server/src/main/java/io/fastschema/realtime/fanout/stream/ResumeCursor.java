package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The text form of a {@link StreamPosition}'s offsets and ids: what clients receive as {@code
 * "cursor"} and hand back as {@code since=}. Base64url without padding over a compact binary form,
 * so that it fits in a URL and, for topics of a few partitions, in a close frame's 123-byte reason.
 *
 * <p>Layout (version 2): version byte; CRC-32 of the topic name (a cursor of another schema is
 * refused, not misread); partition count; per partition the offset and the last event id, as
 * unsigned varints. An event id {@code %016x-%016x-%08x} is stored as its first part + 1 (0: no
 * id), the zigzag difference of the second part from the first, which keeps it to a few bytes (both
 * are nearby positions in the same database log), and the third part. Version 1 (ids of two parts,
 * written before ids numbered the changes of one log record) is still read.
 */
public final class ResumeCursor {

  private static final int VERSION = 2;
  private static final int VERSION_TWO_PART_IDS = 1;

  /** Far above any real topic, low enough that a hostile cursor cannot make us allocate much. */
  private static final int MAX_PARTITIONS = 10_000;

  static final int MAX_LENGTH = 64 * 1024;

  private ResumeCursor() {}

  /** Thrown for a cursor that cannot be used; the message says why, for the close reason. */
  public static final class InvalidCursorException extends Exception {
    InvalidCursorException(String message) {
      super(message);
    }
  }

  /** What a cursor holds besides its topic, one entry per partition. */
  record Parts(long[] offsets, String[] lastIds) {}

  /**
   * Knows nothing of {@link StreamPosition}, which calls it: the position is the type, the cursor
   * only its text form.
   */
  static String encode(String topic, long[] offsets, String[] lastIds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + offsets.length * 16);
    out.write(VERSION);
    int crc = topicCheck(topic);
    out.write(crc >>> 24);
    out.write(crc >>> 16);
    out.write(crc >>> 8);
    out.write(crc);
    writeVarLong(out, offsets.length);
    for (int p = 0; p < offsets.length; p++) {
      writeVarLong(out, offsets[p]);
      long[] id = parseEventId(lastIds[p]);
      if (id == null) {
        writeVarLong(out, 0);
      } else {
        writeVarLong(out, id[0] + 1);
        long delta = id[1] - id[0];
        writeVarLong(out, (delta << 1) ^ (delta >> 63));
        writeVarLong(out, id[2]);
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  /** Reads a cursor given for {@code topic}. */
  static Parts decode(String text, String topic) throws InvalidCursorException {
    if (text.length() > MAX_LENGTH) {
      throw new InvalidCursorException("cursor longer than " + MAX_LENGTH + " characters");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("cursor is not base64url");
    }
    Reader in = new Reader(bytes);
    int version = in.next();
    if (version != VERSION && version != VERSION_TWO_PART_IDS) {
      throw new InvalidCursorException("unknown cursor version " + version);
    }
    int crc = (in.next() << 24) | (in.next() << 16) | (in.next() << 8) | in.next();
    if (crc != topicCheck(topic)) {
      throw new InvalidCursorException("cursor belongs to another schema");
    }
    long n = in.varLong();
    if (Long.compareUnsigned(n, MAX_PARTITIONS) > 0) {
      // Unsigned: a varint of 2^63 is a count, not a negative number, in the reason too.
      throw new InvalidCursorException("cursor names " + Long.toUnsignedString(n) + " partitions");
    }
    long[] offsets = new long[(int) n];
    String[] ids = new String[(int) n];
    for (int p = 0; p < n; p++) {
      offsets[p] = in.varLong();
      if (offsets[p] < 0) {
        throw new InvalidCursorException("negative offset in cursor");
      }
      long hiPlusOne = in.varLong();
      if (hiPlusOne != 0) {
        long zigzag = in.varLong();
        long hi = hiPlusOne - 1;
        long lo = hi + ((zigzag >>> 1) ^ -(zigzag & 1));
        if (version == VERSION_TWO_PART_IDS) {
          ids[p] = String.format("%016x-%016x", hi, lo);
        } else {
          long index = in.varLong();
          if (Long.compareUnsigned(index, Integer.MAX_VALUE) > 0) {
            throw new InvalidCursorException("event id index out of range in cursor");
          }
          ids[p] = RecordEvent.idOf(hi, lo, (int) index);
        }
      }
    }
    if (in.remaining() != 0) {
      throw new InvalidCursorException("trailing bytes in cursor");
    }
    return new Parts(offsets, ids);
  }

  private static int topicCheck(String topic) {
    CRC32 crc = new CRC32();
    crc.update(topic.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  /** The three parts of an event id, or null for an id not in ingest's format (not seeded). */
  private static long[] parseEventId(String id) {
    if (id == null
        || id.length() != RecordEvent.ID_LENGTH
        || id.charAt(16) != '-'
        || id.charAt(33) != '-') {
      return null;
    }
    try {
      long hi = Long.parseUnsignedLong(id, 0, 16, 16);
      long lo = Long.parseUnsignedLong(id, 17, 33, 16);
      long index = Long.parseLong(id, 34, 42, 16);
      return hi == -1L ? null : new long[] {hi, lo, index};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void writeVarLong(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Bounds-checked reading: a truncated cursor is invalid, not an exception of ours. */
  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int next() throws InvalidCursorException {
      if (pos >= bytes.length) {
        throw new InvalidCursorException("cursor is truncated");
      }
      return bytes[pos++] & 0xFF;
    }

    long varLong() throws InvalidCursorException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = next();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new InvalidCursorException("cursor has an overlong number");
    }

    int remaining() {
      return bytes.length - pos;
    }
  }
}
