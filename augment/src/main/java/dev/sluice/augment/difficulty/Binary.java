package dev.sluice.augment.difficulty;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The model file's primitives: unsigned LEB128 varints, big-endian doubles, length-prefixed UTF-8. */
final class Binary {
  private Binary() {}

  /** Thrown by {@link Reader} when the bytes end early or a value is out of range; the loader names the file. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message);
    }
  }

  static final class Writer {
    private byte[] buf = new byte[1 << 16];
    private int len;

    private void ensure(int more) {
      if (len + more > buf.length) {
        long want = Math.max((long) buf.length * 2, (long) len + more);
        if (want > Integer.MAX_VALUE - 16)
          throw new IllegalStateException("model content over 2 GB");
        buf = Arrays.copyOf(buf, (int) want);
      }
    }

    void varLong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    void varInt(int v) {
      if (v < 0) throw new IllegalArgumentException("negative: " + v);
      varLong(v);
    }

    void doubleBits(double d) {
      ensure(8);
      long v = Double.doubleToRawLongBits(d);
      for (int i = 7; i >= 0; i--) buf[len++] = (byte) (v >>> (8 * i));
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }
  }

  static final class Reader {
    private final byte[] buf;
    private final int end;
    private int pos;

    Reader(byte[] buf, int end) {
      this.buf = buf;
      this.end = end;
    }

    boolean atEnd() {
      return pos == end;
    }

    long varLong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) throw new Malformed("truncated: the content ends inside a number");
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) return v;
      }
      throw new Malformed("malformed number at byte " + pos);
    }

    /** A varint in [min, max]; {@code what} names it in the error. */
    long varLong(String what, long min, long max) {
      long v = varLong();
      if (v < min || v > max) {
        throw new Malformed(what + " is " + v + ", expected " + min + ".." + max);
      }
      return v;
    }

    int varInt(String what, int min, int max) {
      return (int) varLong(what, min, max);
    }

    double doubleBits() {
      if (end - pos < 8) throw new Malformed("truncated: the content ends inside a number");
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xFF);
      return Double.longBitsToDouble(v);
    }

    String string() {
      int n = varInt("string length", 0, end - pos);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}
