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
    writeLong(out, Double.doubleToRawLongBits(d));
  }

  /** Eight bytes, big-endian. */
  static void writeLong(OutputStream out, long v) throws IOException {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    out.write(b);
  }

  static double readDouble(InputStream in) throws IOException {
    return Double.longBitsToDouble(readLong(in));
  }

  static long readLong(InputStream in) throws IOException {
    byte[] b = new byte[8];
    readFully(in, b);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[i] & 0xFF);
    return v;
  }

  /** A non-null byte array: its length as a varint, then the bytes. */
  static void writeBytes(OutputStream out, byte[] b) throws IOException {
    writeVarLong(out, b.length);
    out.write(b);
  }

  static byte[] readBytes(InputStream in) throws IOException {
    byte[] b = new byte[(int) readVarLong(in)];
    readFully(in, b);
    return b;
  }
}
