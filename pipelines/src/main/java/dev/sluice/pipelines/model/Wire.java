package dev.sluice.pipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Compact binary primitives for the hand-written coders (Java serialization is far slower on every shuffle). */
final class Wire {
  private Wire() {}

  static void writeVarLong(OutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static long readVarLong(InputStream in) throws IOException {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = in.read();
      if (b < 0) throw new java.io.EOFException();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return result;
      shift += 7;
    }
  }

  /** A nullable string: length + 1 as a varint (0 for null), then UTF-8. */
  static void writeString(OutputStream out, String s) throws IOException {
    if (s == null) {
      writeVarLong(out, 0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(out, b.length + 1L);
    out.write(b);
  }

  static String readString(InputStream in) throws IOException {
    long n = readVarLong(in);
    if (n == 0) return null;
    byte[] b = new byte[(int) (n - 1)];
    readFully(in, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  static void readFully(InputStream in, byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int r = in.read(b, off, b.length - off);
      if (r < 0) throw new java.io.EOFException();
      off += r;
    }
  }

  static void writeDouble(OutputStream out, double d) throws IOException {
    long v = Double.doubleToRawLongBits(d);
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    out.write(b);
  }

  static double readDouble(InputStream in) throws IOException {
    byte[] b = new byte[8];
    readFully(in, b);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[i] & 0xFF);
    return Double.longBitsToDouble(v);
  }

  /**
   * A whole record encoded into one array, written with one call: the runner's output views cost a virtual call
   * per byte, and a document is dozens of small fields. Framed by {@link #writeFramed} as length + bytes so that
   * {@link Reader#framed} reads it back with one bulk read.
   */
  static final class Buf {
    private byte[] b;
    private int n;

    Buf(int capacity) {
      b = new byte[Math.max(64, capacity)];
    }

    private void room(int k) {
      if (n + k > b.length) b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + k));
    }

    void varLong(long v) {
      room(10);
      while ((v & ~0x7FL) != 0) {
        b[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      b[n++] = (byte) v;
    }

    /** A nullable string, as {@link Wire#writeString}. */
    void string(String s) {
      if (s == null) {
        varLong(0);
        return;
      }
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      varLong(u.length + 1L);
      room(u.length);
      System.arraycopy(u, 0, b, n, u.length);
      n += u.length;
    }

    void dbl(double d) {
      room(8);
      long v = Double.doubleToRawLongBits(d);
      for (int i = 7; i >= 0; i--) {
        b[n + i] = (byte) v;
        v >>>= 8;
      }
      n += 8;
    }

    /** Length as a varint, then the bytes. */
    void writeFramed(OutputStream out) throws IOException {
      writeVarLong(out, n);
      out.write(b, 0, n);
    }
  }

  /** Reads what a {@link Buf} wrote, from one array. */
  static final class Reader {
    private final byte[] b;
    private int p;

    private Reader(byte[] b) {
      this.b = b;
    }

    /** One record written by {@link Buf#writeFramed}. */
    static Reader framed(InputStream in) throws IOException {
      byte[] b = new byte[(int) readVarLong(in)];
      readFully(in, b);
      return new Reader(b);
    }

    long varLong() throws IOException {
      long result = 0;
      int shift = 0;
      while (true) {
        if (p >= b.length) throw new java.io.EOFException();
        int x = b[p++];
        result |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) return result;
        shift += 7;
      }
    }

    String string() throws IOException {
      long n = varLong();
      if (n == 0) return null;
      int len = (int) (n - 1);
      if (p + len > b.length) throw new java.io.EOFException();
      String s = new String(b, p, len, StandardCharsets.UTF_8);
      p += len;
      return s;
    }

    double dbl() throws IOException {
      if (p + 8 > b.length) throw new java.io.EOFException();
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (b[p++] & 0xFF);
      return Double.longBitsToDouble(v);
    }
  }
}
