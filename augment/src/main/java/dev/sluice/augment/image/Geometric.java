package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;

/**
 * The geometric ops: flips, crops and affine warps. Warps rotate and scale about the image centre ((w − 1) / 2,
 * (h − 1) / 2 in pixel indices), shears about the top-left corner as PIL's AutoAugment does (torchvision's
 * RandAugment passes {@code center=[0, 0]} for shears), and read through {@link Sampler}'s fixed-point bilinear
 * sampling; uncovered pixels are {@link Sampler#FILL}. Every op keeps the input's size except a resized crop with an
 * explicit output size.
 */
final class Geometric {
  private Geometric() {}

  static Pixels flipHorizontal(Pixels p) {
    int w = p.width(), h = p.height(), ch = p.channels();
    byte[] in = p.data(), out = new byte[in.length];
    for (int y = 0; y < h; y++) {
      int row = y * w * ch;
      for (int x = 0; x < w; x++)
        System.arraycopy(in, row + x * ch, out, row + (w - 1 - x) * ch, ch);
    }
    return new Pixels(w, h, ch, out);
  }

  static Pixels flipVertical(Pixels p) {
    int w = p.width(), h = p.height(), stride = w * p.channels();
    byte[] in = p.data(), out = new byte[in.length];
    for (int y = 0; y < h; y++) System.arraycopy(in, y * stride, out, (h - 1 - y) * stride, stride);
    return new Pixels(w, h, p.channels(), out);
  }

  /**
   * A random crop keeping {@code side} (0 &lt; side ≤ 1) of each side, at a uniform position, resized back to the
   * input's size: the output always has the input's shape, so a batch of copies stacks without padding.
   */
  static Pixels crop(Pixels p, double side, AugmentRng rng) {
    int w = p.width(), h = p.height();
    int cw = Math.max(1, Math.min(w, (int) Math.round(w * side)));
    int ch = Math.max(1, Math.min(h, (int) Math.round(h * side)));
    int left = rng.nextInt(w - cw + 1), top = rng.nextInt(h - ch + 1);
    return Sampler.resize(p, left, top, cw, ch, w, h);
  }

  /** Where a resized crop reads from, and the share of the image's area it covers. */
  record Box(int left, int top, int width, int height) {
    double area(Pixels p) {
      return width * (double) height / p.pixelCount();
    }
  }

  /**
   * torchvision's {@code RandomResizedCrop.get_params}: up to 10 tries of an area share uniform in [minScale,
   * maxScale] and an aspect ratio log-uniform in [minRatio, maxRatio]; when none fits, the largest centred crop
   * whose ratio is within bounds.
   */
  static Box resizedCropBox(
      Pixels p,
      AugmentRng rng,
      double minScale,
      double maxScale,
      double minRatio,
      double maxRatio) {
    int width = p.width(), height = p.height();
    double area = width * (double) height;
    double logLo = StrictMath.log(minRatio), logHi = StrictMath.log(maxRatio);
    for (int attempt = 0; attempt < 10; attempt++) {
      double target = area * rng.uniform(minScale, maxScale);
      double ratio = StrictMath.exp(rng.uniform(logLo, logHi));
      int w = (int) Math.round(StrictMath.sqrt(target * ratio));
      int h = (int) Math.round(StrictMath.sqrt(target / ratio));
      if (w > 0 && h > 0 && w <= width && h <= height) {
        int top = rng.nextInt(height - h + 1), left = rng.nextInt(width - w + 1);
        return new Box(left, top, w, h);
      }
    }
    double inRatio = width / (double) height;
    int w = width, h = height;
    if (inRatio < minRatio) h = (int) Math.round(w / minRatio);
    else if (inRatio > maxRatio) w = (int) Math.round(h * maxRatio);
    return new Box((width - w) / 2, (height - h) / 2, w, h);
  }

  static Pixels resize(Pixels p, Box box, int outW, int outH) {
    return Sampler.resize(p, box.left, box.top, box.width, box.height, outW, outH);
  }

  /** Counter-clockwise by {@code degrees} about the centre, as torchvision's {@code rotate}. */
  static Pixels rotate(Pixels p, double degrees) {
    return affine(p, degrees, 0, 0, 0, 0);
  }

  /** Output (x, y) reads the input at (x + m·y, y): PIL's AutoAugment ShearX. */
  static Pixels shearX(Pixels p, double m) {
    return Sampler.affine(p, p.width(), p.height(), 1, m, 0, 0, 1, 0, false);
  }

  /** Output (x, y) reads the input at (x, y + m·x): PIL's AutoAugment ShearY. */
  static Pixels shearY(Pixels p, double m) {
    return Sampler.affine(p, p.width(), p.height(), 1, 0, 0, m, 1, 0, false);
  }

  /** Moves the image {@code dx} pixels right and {@code dy} down (whole pixels, as torchvision's int()). */
  static Pixels translate(Pixels p, int dx, int dy) {
    return Sampler.affine(p, p.width(), p.height(), 1, 0, -dx, 0, 1, -dy, false);
  }

  /**
   * Rotation ({@code degrees}, counter-clockwise), then shear factors about the centre, then a translation in
   * pixels: the forward map is p' = R·S·(p − centre) + centre + t, sampled through its inverse.
   */
  static Pixels affine(
      Pixels p, double degrees, double shearX, double shearY, double tx, double ty) {
    double rad = StrictMath.toRadians(degrees);
    double cos = StrictMath.cos(rad), sin = StrictMath.sin(rad);
    // forward R = [[cos, sin], [-sin, cos]] (counter-clockwise with y down), S = [[1, shx], [shy,
    // 1]]
    double m00 = cos + sin * shearY, m01 = cos * shearX + sin;
    double m10 = -sin + cos * shearY, m11 = -sin * shearX + cos;
    double det = m00 * m11 - m01 * m10;
    if (!(Math.abs(det) > 1e-9)) return Pixels.blank(p.width(), p.height(), p.channels());
    double a = m11 / det, b = -m01 / det, d = -m10 / det, e = m00 / det;
    double cx = (p.width() - 1) / 2.0, cy = (p.height() - 1) / 2.0;
    double ox = cx + tx, oy = cy + ty; // p = inverse · (p' − centre − t) + centre
    double c = cx - a * ox - b * oy, f = cy - d * ox - e * oy;
    return Sampler.affine(p, p.width(), p.height(), a, b, c, d, e, f, false);
  }
}
