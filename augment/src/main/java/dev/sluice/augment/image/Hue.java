package dev.sluice.augment.image;

import dev.sluice.quality.image.Pixels;

/**
 * Hue rotation through HSV in integers, as torchvision's {@code adjust_hue}: each pixel's hue turns by a fraction of
 * the colour circle (−0.5..0.5) while its value (max) and chroma (max − min) stay. The hue is held with 65,536
 * steps per sixth of the circle, fine enough that a shift of 0 gives every pixel back exactly. A gray image (and
 * every gray pixel) has no hue and is returned as it is.
 */
final class Hue {
  private static final int SECTOR = 1 << 16;
  private static final int CIRCLE = 6 * SECTOR;

  private Hue() {}

  static Pixels shift(Pixels p, double fraction) {
    if (p.channels() == Pixels.GRAY) return p;
    int shift = (int) Math.round(fraction * CIRCLE);
    byte[] in = p.data(), out = new byte[in.length];
    for (int j = 0; j < in.length; j += 3) {
      int r = in[j] & 0xFF, g = in[j + 1] & 0xFF, b = in[j + 2] & 0xFF;
      int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
      int delta = max - min;
      if (delta == 0) {
        out[j] = in[j];
        out[j + 1] = in[j + 1];
        out[j + 2] = in[j + 2];
        continue;
      }
      int h;
      if (max == r) h = ratio(g - b, delta);
      else if (max == g) h = 2 * SECTOR + ratio(b - r, delta);
      else h = 4 * SECTOR + ratio(r - g, delta);
      h = Math.floorMod(h + shift, CIRCLE);
      int frac = h % SECTOR;
      int step = (int) (((long) delta * frac + SECTOR / 2) >> 16);
      int rise = min + step, fall = max - step;
      switch (h / SECTOR) {
        case 0 -> set(out, j, max, rise, min);
        case 1 -> set(out, j, fall, max, min);
        case 2 -> set(out, j, min, max, rise);
        case 3 -> set(out, j, min, fall, max);
        case 4 -> set(out, j, rise, min, max);
        default -> set(out, j, max, min, fall);
      }
    }
    return Tone.like(p, out);
  }

  /** round(num · SECTOR / delta), half up, for −delta ≤ num ≤ delta. */
  private static int ratio(int num, int delta) {
    return (int) Math.floorDiv(2L * num * SECTOR + delta, 2L * delta);
  }

  private static void set(byte[] out, int j, int r, int g, int b) {
    out[j] = (byte) r;
    out[j + 1] = (byte) g;
    out[j + 2] = (byte) b;
  }
}
