package dev.sluice.pipelines.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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
    new DataInputStream(in).readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  static void writeDouble(OutputStream out, double d) throws IOException {
    new DataOutputStream(out).writeLong(Double.doubleToRawLongBits(d));
  }

  static double readDouble(InputStream in) throws IOException {
    return Double.longBitsToDouble(new DataInputStream(in).readLong());
  }
}
