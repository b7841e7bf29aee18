package dev.sluice.pipelines.steps;

import java.io.OutputStream;
import java.util.Arrays;

/** An unsynchronised, growable byte buffer (ByteArrayOutputStream locks on every write). */
final class BytesOut extends OutputStream {
  private byte[] buf = new byte[4096];
  private int n;

  void reset() {
    n = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, n);
  }

  private void ensure(int more) {
    if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }
}
