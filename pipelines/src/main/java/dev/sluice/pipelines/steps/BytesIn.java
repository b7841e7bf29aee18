package dev.sluice.pipelines.steps;

import java.io.InputStream;

/** An unsynchronised reader of one byte array (ByteArrayInputStream locks on every read). */
final class BytesIn extends InputStream {
  private byte[] buf;
  private int pos;

  void reset(byte[] b) {
    buf = b;
    pos = 0;
  }

  @Override
  public int read() {
    return pos < buf.length ? buf[pos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) return 0;
    if (pos >= buf.length) return -1;
    int k = Math.min(len, buf.length - pos);
    System.arraycopy(buf, pos, b, off, k);
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return buf.length - pos;
  }
}
