package dev.sluice.augment.image;

import dev.sluice.quality.image.Pixels;

/**
 * The per-sample photometric ops, as torchvision's functional {@code adjust_*} and PIL's ImageOps define them. The
 * factor ops blend with a degenerate image, {@code out = f·x + (1 − f)·degenerate}, clamped to 0..255: black for
 * brightness, the mean luma for contrast, the luma image for saturation, a smoothed image for sharpness. Factors are
 * fixed point with 12 fractional bits and luma is {@link Pixels#luma()}'s integer BT.601, so results are the same
 * bytes everywhere.
 */
final class Tone {
  private static final int BITS = 12;
  private static final int HALF = 1 << (BITS - 1);

  private Tone() {}

  static int factor(double f) {
    return (int) Math.round(f * (1 << BITS));
  }

  static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }

  static Pixels brightness(Pixels p, double factor) {
    int f = factor(factor);
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = (byte) clamp(((in[i] & 0xFF) * f + HALF) >> BITS);
    return like(p, out);
  }

  /** Blends with the image's mean luma, rounded to an integer (PIL's ImageEnhance.Contrast). */
  static Pixels contrast(Pixels p, double factor) {
    byte[] luma = p.luma();
    long sum = 0;
    for (byte b : luma) sum += b & 0xFF;
    int mean = (int) ((sum + luma.length / 2) / luma.length);
    int f = factor(factor), g = (1 << BITS) - f;
    int base = mean * g + HALF;
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = (byte) clamp(((in[i] & 0xFF) * f + base) >> BITS);
    return like(p, out);
  }

  /** Blends each pixel with its own luma; a gray image has no colour to change and comes back as it is. */
  static Pixels saturation(Pixels p, double factor) {
    if (p.channels() == Pixels.GRAY) return p;
    byte[] luma = p.luma();
    int f = factor(factor), g = (1 << BITS) - f;
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0, j = 0; i < luma.length; i++) {
      int base = (luma[i] & 0xFF) * g + HALF;
      for (int k = 0; k < 3; k++, j++) out[j] = (byte) clamp(((in[j] & 0xFF) * f + base) >> BITS);
    }
    return like(p, out);
  }

  /**
   * Blends with the image smoothed by PIL's SMOOTH kernel [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13 (rounded); border
   * pixels keep their value in the smoothed image, as in torchvision's {@code adjust_sharpness}.
   */
  static Pixels sharpness(Pixels p, double factor) {
    int w = p.width(), h = p.height(), ch = p.channels();
    byte[] in = p.data();
    byte[] smooth = in.clone();
    int stride = w * ch;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        for (int k = 0; k < ch; k++) {
          int i = y * stride + x * ch + k;
          int s =
              (in[i - stride - ch] & 0xFF)
                  + (in[i - stride] & 0xFF)
                  + (in[i - stride + ch] & 0xFF)
                  + (in[i - ch] & 0xFF)
                  + 5 * (in[i] & 0xFF)
                  + (in[i + ch] & 0xFF)
                  + (in[i + stride - ch] & 0xFF)
                  + (in[i + stride] & 0xFF)
                  + (in[i + stride + ch] & 0xFF);
          smooth[i] = (byte) ((s + 6) / 13);
        }
      }
    }
    int f = factor(factor), g = (1 << BITS) - f;
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++)
      out[i] = (byte) clamp(((in[i] & 0xFF) * f + (smooth[i] & 0xFF) * g + HALF) >> BITS);
    return like(p, out);
  }

  /** Keeps the top {@code bits} bits of every sample (1..8; 8 is the identity). */
  static Pixels posterize(Pixels p, int bits) {
    int mask = (0xFF << (8 - bits)) & 0xFF;
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = (byte) (in[i] & mask);
    return like(p, out);
  }

  /** Inverts every sample at or above {@code threshold} (torchvision: {@code img >= threshold}). */
  static Pixels solarize(Pixels p, double threshold) {
    byte[] lut = new byte[256];
    for (int v = 0; v < 256; v++) lut[v] = (byte) (v >= threshold ? 255 - v : v);
    return lookup(p, lut);
  }

  static Pixels invert(Pixels p) {
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = (byte) ~in[i];
    return like(p, out);
  }

  /** Stretches each channel's [min, max] to [0, 255]; a flat channel stays as it is (PIL's autocontrast). */
  static Pixels autocontrast(Pixels p) {
    int ch = p.channels();
    byte[] in = p.data(), out = new byte[in.length];
    for (int k = 0; k < ch; k++) {
      int lo = 255, hi = 0;
      for (int i = k; i < in.length; i += ch) {
        int v = in[i] & 0xFF;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      byte[] lut = new byte[256];
      for (int v = 0; v < 256; v++)
        lut[v] = (byte) (hi > lo ? clamp(((v - lo) * 255 * 2 + (hi - lo)) / (2 * (hi - lo))) : v);
      for (int i = k; i < in.length; i += ch) out[i] = lut[in[i] & 0xFF];
    }
    return like(p, out);
  }

  /**
   * Histogram equalization per channel, PIL's ImageOps.equalize: step = (n − count of the last used value) / 255;
   * value v maps to (count below v + step / 2) / step; a channel with step 0 is left as it is.
   */
  static Pixels equalize(Pixels p) {
    int ch = p.channels();
    byte[] in = p.data(), out = new byte[in.length];
    for (int k = 0; k < ch; k++) {
      int[] hist = new int[256];
      for (int i = k; i < in.length; i += ch) hist[in[i] & 0xFF]++;
      int last = 255;
      while (hist[last] == 0) last--;
      int n = in.length / ch;
      int step = (n - hist[last]) / 255;
      byte[] lut = new byte[256];
      if (step == 0) {
        for (int v = 0; v < 256; v++) lut[v] = (byte) v;
      } else {
        int below = step / 2;
        for (int v = 0; v < 256; v++) {
          lut[v] = (byte) Math.min(255, below / step);
          below += hist[v];
        }
      }
      for (int i = k; i < in.length; i += ch) out[i] = lut[in[i] & 0xFF];
    }
    return like(p, out);
  }

  /** An image of {@code p}'s shape holding {@code data}. */
  static Pixels like(Pixels p, byte[] data) {
    return new Pixels(p.width(), p.height(), p.channels(), data);
  }

  private static Pixels lookup(Pixels p, byte[] lut) {
    byte[] in = p.data(), out = new byte[in.length];
    for (int i = 0; i < in.length; i++) out[i] = lut[in[i] & 0xFF];
    return like(p, out);
  }
}
