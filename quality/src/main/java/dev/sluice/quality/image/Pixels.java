package dev.sluice.quality.image;

import java.util.Arrays;

/**
 * A decoded image: 8-bit samples, row-major, channels interleaved; 1 channel (gray) or 3 (RGB). Alpha is not kept:
 * the decoder composites a transparent image onto white. Every image step (signals, hashes, augmentation, the
 * trainer's input) works on this one shape, so none of them depends on java.awt.
 */
public record Pixels(int width, int height, int channels, byte[] data) {
  public static final int GRAY = 1;
  public static final int RGB = 3;

  public Pixels {
    if (width <= 0 || height <= 0)
      throw new IllegalArgumentException("image size " + width + "x" + height);
    if (channels != GRAY && channels != RGB)
      throw new IllegalArgumentException("channels " + channels + " (1 or 3)");
    if (data.length != (long) width * height * channels)
      throw new IllegalArgumentException(
          "data has " + data.length + " bytes, not " + width + "x" + height + "x" + channels);
  }

  /** A black image of that shape. */
  public static Pixels blank(int width, int height, int channels) {
    return new Pixels(width, height, channels, new byte[width * height * channels]);
  }

  /** The sample of channel c at (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return data[(y * width + x) * channels + c] & 0xFF;
  }

  public int pixelCount() {
    return width * height;
  }

  /**
   * Luma per pixel, 0..255: ITU-R BT.601 weights in integer arithmetic ((299 R + 587 G + 114 B + 500) / 1000), so
   * every JVM gives the same bytes. A gray image returns its own samples (a copy).
   */
  public byte[] luma() {
    int n = pixelCount();
    if (channels == GRAY) return data.clone();
    byte[] out = new byte[n];
    for (int i = 0, j = 0; i < n; i++, j += 3) {
      int r = data[j] & 0xFF, g = data[j + 1] & 0xFF, b = data[j + 2] & 0xFF;
      out[i] = (byte) thousandth(299 * r + 587 * g + 114 * b + 500);
    }
    return out;
  }

  /**
   * {@code x / 1000} for 0 <= x <= 255,500 without a division (which C1, the JIT of small runs, does not turn into a
   * multiplication), in int arithmetic: x / 1000 = (x / 8) / 125, and for y = x / 8 <= 31,937, y / 125 = (y 33,555)
   * >>> 22 (33,555 / 2^22 exceeds 1/125 by 71/(125 2^22), which keeps the floor for every y below 59,000). PixelsTest
   * checks each x.
   */
  static int thousandth(int x) {
    return ((x >>> 3) * 33_555) >>> 22;
  }

  /** This image as one gray channel ({@link #luma()}). */
  public Pixels toGray() {
    return channels == GRAY ? this : new Pixels(width, height, GRAY, luma());
  }

  /** This image with three channels (a gray image's sample repeated). */
  public Pixels toRgb() {
    if (channels == RGB) return this;
    int n = pixelCount();
    byte[] out = new byte[n * 3];
    for (int i = 0, j = 0; i < n; i++, j += 3) out[j] = out[j + 1] = out[j + 2] = data[i];
    return new Pixels(width, height, RGB, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pixels p
        && p.width == width
        && p.height == height
        && p.channels == channels
        && Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Pixels[" + width + "x" + height + "x" + channels + "]";
  }
}
