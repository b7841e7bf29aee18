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
    if (fa == ONE && fb == 0 && fd == 0 && fe == ONE && (fc & 0xFFFF) == 0 && (ff & 0xFFFF) == 0) {
      return shift(src, outW, outH, (int) (fc >> 16), (int) (ff >> 16), clamp);
    }
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
        int i00 = (y0 * w + x0) * ch;
        int dx = wx == 0 ? 0 : ch, dy = wy == 0 ? 0 : w * ch;
        int vx = 256 - wx, vy = 256 - wy;
        if (ch == 3) {
          out[o] = mix(in, i00, dx, dy, wx, vx, wy, vy);
          out[o + 1] = mix(in, i00 + 1, dx, dy, wx, vx, wy, vy);
          out[o + 2] = mix(in, i00 + 2, dx, dy, wx, vx, wy, vy);
          o += 3;
        } else {
          out[o++] = mix(in, i00, dx, dy, wx, vx, wy, vy);
        }
      }
    }
    return new Pixels(outW, outH, ch, out);
  }

  /**
   * The whole-pixel case of {@link #affine}: output (x, y) is input (x + dx, y + dy), row segments copied; the same
   * bytes the general path gives, faster.
   */
  private static Pixels shift(Pixels src, int outW, int outH, int dx, int dy, boolean clamp) {
    int w = src.width(), h = src.height(), ch = src.channels();
    byte[] in = src.data();
    byte[] out = new byte[outW * outH * ch];
    for (int y = 0; y < outH; y++) {
      int sy = y + dy;
      if (sy < 0 || sy >= h) {
        if (!clamp) continue; // the row stays FILL (0)
        sy = Math.min(Math.max(sy, 0), h - 1);
      }
      int from = Math.max(0, -dx), to = Math.min(outW, w - dx); // x with 0 <= x + dx < w
      int row = y * outW * ch;
      if (from < to)
        System.arraycopy(in, (sy * w + from + dx) * ch, out, row + from * ch, (to - from) * ch);
      if (clamp) {
        for (int x = 0; x < outW; x++) {
          if (x >= from && x < to) continue;
          int sx = Math.min(Math.max(x + dx, 0), w - 1);
          System.arraycopy(in, (sy * w + sx) * ch, out, row + x * ch, ch);
        }
      }
    }
    return new Pixels(outW, outH, ch, out);
  }

  /** One bilinear sample: the four neighbours at i, i + dx, i + dy, i + dx + dy with 8-bit weights. */
  private static byte mix(byte[] in, int i, int dx, int dy, int wx, int vx, int wy, int vy) {
    int top = (in[i] & 0xFF) * vx + (in[i + dx] & 0xFF) * wx;
    int bottom = (in[i + dy] & 0xFF) * vx + (in[i + dy + dx] & 0xFF) * wx;
    return (byte) ((top * vy + bottom * wy + 32768) >> 16);
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
