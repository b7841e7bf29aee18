package dev.sluice.quality.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageInputStream straight over a byte array. ImageIO's own streams copy the input into a cache (a temporary
 * file by default), which costs more than decoding a 28x28 PNG.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {
  private final byte[] bytes;

  ByteArrayImageInputStream(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read() {
    bitOffset = 0;
    return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    bitOffset = 0;
    if (len == 0) return 0;
    if (streamPos >= bytes.length) return -1;
    int n = (int) Math.min(len, bytes.length - streamPos);
    System.arraycopy(bytes, (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return bytes.length;
  }
}
