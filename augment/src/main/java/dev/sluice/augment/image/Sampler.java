package dev.sluice.augment.image;

import dev.sluice.quality.image.Pixels;

/**
 * Bilinear resampling through an inverse affine map, in fixed point: output pixel (x, y) reads the source at
 * (a·x + b·y + c, d·x + e·y + f), pixel indices as coordinates (a pixel's centre is its index). The six
 * coefficients are doubles computed once per image (with {@link StrictMath} for any trig), then rounded to 16.16
 * fixed point; every per-pixel step is integer arithmetic, and the two interpolation weights are 8-bit, so every JVM
 * and machine gives the same bytes. The identity map copies the image exactly.
 *
 * <p>Uncovered pixels: a source point outside [0, w − 1] × [0, h − 1] is {@link #FILL} (0, black, torchvision's
 * default {@code fill}) for rotations, shears and translations; resizing ({@code clamp}) reads the nearest edge
 * pixel instead, so a crop's borders never go black.
 */
final class Sampler {
  /** The value of every sample of an uncovered pixel: torchvision's default fill. */
  static final int FILL = 0;

  private static final int ONE = 1 << 16;

  private Sampler() {}

  /** The inverse map {@code (a, b, c, d, e, f)} applied to {@code src} into an image of {@code outW × outH}. */
  static Pixels affine(
      Pixels src,
      int outW,
      int outH,
      double a,
      double b,
      double c,
      double d,
      double e,
      double f,
      boolean clamp) {
    int w = src.width(), h = src.height(), ch = src.channels();
    byte[] in = src.data();
    byte[] out = new byte[outW * outH * ch];
    long fa = fixed(a), fb = fixed(b), fc = fixed(c), fd = fixed(d), fe = fixed(e), ff = fixed(f);
    long maxX = (long) (w - 1) << 16, maxY = (long) (h - 1) << 16;
    int o = 0;
    for (int y = 0; y < outH; y++) {
      long sx = fb * y + fc, sy = fe * y + ff;
      for (int x = 0; x < outW; x++, sx += fa, sy += fd) {
        long px = sx, py = sy;
        if (px < 0 || px > maxX || py < 0 || py > maxY) {
          if (!clamp) {
            for (int k = 0; k < ch; k++) out[o++] = (byte) FILL;
            continue;
          }
          px = Math.min(Math.max(px, 0), maxX);
          py = Math.min(Math.max(py, 0), maxY);
        }
        int x0 = (int) (px >> 16), y0 = (int) (py >> 16);
        int wx = (int) ((px >> 8) & 0xFF), wy = (int) ((py >> 8) & 0xFF);
        int x1 = wx == 0 ? x0 : x0 + 1, y1 = wy == 0 ? y0 : y0 + 1;
        int r0 = y0 * w, r1 = y1 * w;
        for (int k = 0; k < ch; k++) {
          int p00 = in[(r0 + x0) * ch + k] & 0xFF, p01 = in[(r0 + x1) * ch + k] & 0xFF;
          int p10 = in[(r1 + x0) * ch + k] & 0xFF, p11 = in[(r1 + x1) * ch + k] & 0xFF;
          int top = p00 * (256 - wx) + p01 * wx;
          int bottom = p10 * (256 - wx) + p11 * wx;
          out[o++] = (byte) ((top * (256 - wy) + bottom * wy + 32768) >> 16);
        }
      }
    }
    return new Pixels(outW, outH, ch, out);
  }

  /** The box (left, top, width, height) of {@code src} resized to {@code outW × outH}: pixel centres aligned. */
  static Pixels resize(Pixels src, int left, int top, int boxW, int boxH, int outW, int outH) {
    double sx = boxW / (double) outW, sy = boxH / (double) outH;
    return affine(src, outW, outH, sx, 0, left + 0.5 * sx - 0.5, 0, sy, top + 0.5 * sy - 0.5, true);
  }

  /** A double as 16.16 fixed point, rounded half away from zero. */
  static long fixed(double v) {
    return Math.round(v * ONE);
  }
}
