package io.fastschema.realtime.fanout.stream;

import io.fastschema.realtime.event.RecordEvent;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The text form of a {@link StreamPosition}'s offsets and ids: what clients receive as {@code
 * "cursor"} and hand back as {@code since=}. Base64url without padding over a compact binary form,
 * so that it fits in a URL and, for topics of a few partitions, in a close frame's 123-byte reason.
 *
 * <p>Layout (version 3): version byte; partition count; per partition the offset and the last event
 * id, as unsigned varints; then a {@value CursorKey#TAG_BYTES}-byte tag ({@link CursorKey}) over
 * the {@link CursorBinding} (user, topic, event, id, filter, select) and every byte before it. The
 * tag is checked before anything else is read: a forged cursor, or one given by another user or for
 * another subscription, is refused without a word about its content. An event id {@code
 * %016x-%016x-%08x} is stored as its first part + 1 (0: no id), the zigzag difference of the second
 * part from the first, which keeps it to a few bytes (both are nearby positions in the same
 * database log), and the third part. Versions 1 and 2 carried no tag: refused, the client reloads.
 */
public final class ResumeCursor {

  private static final int VERSION = 3;

  /** Far above any real topic, low enough that a hostile cursor cannot make us allocate much. */
  private static final int MAX_PARTITIONS = 10_000;

  static final int MAX_LENGTH = 64 * 1024;

  /**
   * Why a cursor whose tag does not verify is refused: it says what must match, not what did not.
   */
  static final String NOT_ISSUED_HERE =
      "cursor was not issued to this user for this schema, event, id, filter and select";

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
  static String encode(long[] offsets, String[] lastIds, CursorBinding binding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + offsets.length * 16);
    out.write(VERSION);
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
    return Base64.getUrlEncoder().withoutPadding().encodeToString(seal(out.toByteArray(), binding));
  }

  /** The body with its tag appended (tests seal hostile bodies with it). */
  static byte[] seal(byte[] body, CursorBinding binding) {
    byte[] tag = binding.key().tag(binding.digest(), body, body.length);
    byte[] sealed = Arrays.copyOf(body, body.length + tag.length);
    System.arraycopy(tag, 0, sealed, body.length, tag.length);
    return sealed;
  }

  /** Reads a cursor given by the user and for the subscription that {@code binding} names. */
  static Parts decode(String text, CursorBinding binding) throws InvalidCursorException {
    if (text.length() > MAX_LENGTH) {
      throw new InvalidCursorException("cursor longer than " + MAX_LENGTH + " characters");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("cursor is not base64url");
    }
    int version = bytes.length == 0 ? -1 : bytes[0] & 0xFF;
    if (version == 1 || version == 2) {
      throw new InvalidCursorException(
          "cursor of an older, unsigned version; reload, then since=now");
    }
    if (version != VERSION) {
      throw new InvalidCursorException(
          version < 0 ? "cursor is empty" : "unknown cursor version " + version);
    }
    int body = bytes.length - CursorKey.TAG_BYTES;
    if (body < 2
        || !MessageDigest.isEqual(
            binding.key().tag(binding.digest(), bytes, body),
            Arrays.copyOfRange(bytes, body, bytes.length))) {
      throw new InvalidCursorException(NOT_ISSUED_HERE);
    }
    Reader in = new Reader(Arrays.copyOf(bytes, body));
    in.next(); // the version
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
        long index = in.varLong();
        if (Long.compareUnsigned(index, Integer.MAX_VALUE) > 0) {
          throw new InvalidCursorException("event id index out of range in cursor");
        }
        ids[p] = RecordEvent.idOf(hi, lo, (int) index);
      }
    }
    if (in.remaining() != 0) {
      throw new InvalidCursorException("trailing bytes in cursor");
    }
    return new Parts(offsets, ids);
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
