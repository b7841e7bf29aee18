package dev.sluice.quality.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Candidate perceptual-hash designs that {@link IconHashVariantsTest} measures against the shipped {@link
 * PerceptualHash}: a smaller DCT base, cropping to the content before resizing, hashing the alpha silhouette,
 * hashing colour channels, the average hash, and combinations. None is used in production; docs/images.md ("Variants tried") has
 * their numbers. Test code, so the moment crop uses doubles; everything else is the shipped integer resize.
 */
final class HashVariants {
  private HashVariants() {}

  /** An image: RGB as the decoder composites it onto white, and the source's alpha (255 when it had none). */
  record Img(String group, int w, int h, int[][] rgb, int[] alpha) {}

  /** The plane a component hashes. BY = (R + G) / 2 - B and RG = R - G, shifted into 0..255. */
  enum Plane {
    LUMA,
    R,
    G,
    B,
    ALPHA,
    BY,
    RG
  }

  /**
   * What part of the image is resized to the hash's grid: the whole frame; the bounding box of the pixels that
   * are not fully transparent (whole pixels); the box of pixels not near-white (any channel < 250); or a box
   * from the alpha-weighted centroid ± √3 standard deviations per axis, sampled with fractional edges (on an
   * opaque image that box is exactly the frame).
   */
  enum Crop {
    NONE,
    ALPHA_BOX,
    NONWHITE_BOX,
    MOMENTS
  }

  /** pHash (8x8 DCT on base x base), dHash (9x8 differences) or aHash (8x8 mean, bit = above the mean). */
  enum Kind {
    PHASH,
    DHASH,
    AHASH
  }

  /** One 64-bit hash of a plane. */
  record Component(Kind kind, Plane plane, Crop crop, int base) {
    static Component phash(Plane plane, Crop crop, int base) {
      return new Component(Kind.PHASH, plane, crop, base);
    }

    static Component dhash(Plane plane, Crop crop) {
      return new Component(Kind.DHASH, plane, crop, 0);
    }

    static Component ahash(Plane plane, Crop crop) {
      return new Component(Kind.AHASH, plane, crop, 0);
    }
  }

  static Img load(byte[] bytes, String group) {
    try {
      Pixels px = ImageDecoder.decode(bytes, null, null).pixels().toRgb();
      BufferedImage bi = ImageIO.read(new ByteArrayInputStream(bytes));
      boolean hasAlpha = bi.getColorModel().hasAlpha();
      int w = px.width(), h = px.height(), n = w * h;
      int[][] rgb = new int[3][n];
      int[] alpha = new int[n];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) rgb[c][i] = px.data()[i * 3 + c] & 0xFF;
        alpha[i] = hasAlpha ? bi.getRGB(i % w, i / w) >>> 24 : 255;
      }
      return new Img(group, w, h, rgb, alpha);
    } catch (ImageRejected | IOException e) {
      throw new UncheckedIOException(new IOException(group + ": " + e.getMessage(), e));
    }
  }

  /** The image area-averaged to size x size, every plane alike (rounded to the nearest sample). */
  static Img resized(Img im, int size) {
    int[][] rgb = new int[3][];
    for (int c = 0; c < 3; c++) rgb[c] = round(box(im.rgb[c], im, 0, 0, im.w, im.h, size, size));
    return new Img(
        im.group, size, size, rgb, round(box(im.alpha, im, 0, 0, im.w, im.h, size, size)));
  }

  static long hash(Img im, Component c) {
    int ow =
        switch (c.kind) {
          case PHASH -> c.base;
          case DHASH -> 9;
          case AHASH -> 8;
        };
    int oh = c.kind == Kind.PHASH ? c.base : 8;
    int[] plane = plane(im, c.plane);
    double[] small;
    if (c.crop == Crop.MOMENTS) {
      small = momentResize(plane, im, ow, oh, c.plane == Plane.ALPHA ? 0 : 255);
    } else {
      int[] b = bounds(im, c.crop);
      small = box(plane, im, b[0], b[1], b[2], b[3], ow, oh);
    }
    return switch (c.kind) {
      case PHASH -> phash(small, c.base);
      case DHASH -> dhash(small);
      case AHASH -> ahash(small);
    };
  }

  static int[] plane(Img im, Plane p) {
    int n = im.w * im.h;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int r = im.rgb[0][i], g = im.rgb[1][i], b = im.rgb[2][i];
      out[i] =
          switch (p) {
            case LUMA -> (299 * r + 587 * g + 114 * b + 500) / 1000;
            case R -> r;
            case G -> g;
            case B -> b;
            case ALPHA -> im.alpha[i];
            case BY -> ((r + g) / 2 - b + 255) / 2;
            case RG -> (r - g + 255) / 2;
          };
    }
    return out;
  }

  /** {x, y, width, height} of the crop; the whole frame when nothing is inside it. */
  static int[] bounds(Img im, Crop crop) {
    if (crop == Crop.NONE) return new int[] {0, 0, im.w, im.h};
    int x0 = im.w, y0 = im.h, x1 = -1, y1 = -1;
    for (int y = 0; y < im.h; y++) {
      for (int x = 0; x < im.w; x++) {
        int i = y * im.w + x;
        boolean on =
            crop == Crop.ALPHA_BOX
                ? im.alpha[i] > 0
                : im.rgb[0][i] < 250 || im.rgb[1][i] < 250 || im.rgb[2][i] < 250;
        if (on) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? new int[] {0, 0, im.w, im.h} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
  }

  /** The shipped integer area resize of a whole-pixel box, as averages. */
  static double[] box(int[] plane, Img im, int x0, int y0, int bw, int bh, int ow, int oh) {
    byte[] b = new byte[bw * bh];
    for (int y = 0; y < bh; y++) {
      for (int x = 0; x < bw; x++) b[y * bw + x] = (byte) plane[(y0 + y) * im.w + x0 + x];
    }
    long[] sums = AreaResize.areaResize(b, bw, bh, ow, oh);
    double[] out = new double[sums.length];
    for (int i = 0; i < sums.length; i++) out[i] = sums[i] / ((double) bw * bh);
    return out;
  }

  /** Area resize of the moment box (fractional edges); outside the frame counts as background. */
  static double[] momentResize(int[] plane, Img im, int ow, int oh, int background) {
    double s = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
    for (int y = 0; y < im.h; y++) {
      for (int x = 0; x < im.w; x++) {
        double a = im.alpha[y * im.w + x], cx = x + 0.5, cy = y + 0.5;
        s += a;
        sx += a * cx;
        sy += a * cy;
        sxx += a * cx * cx;
        syy += a * cy * cy;
      }
    }
    double mx = sx / s, my = sy / s, k = StrictMath.sqrt(3);
    double hx = k * StrictMath.sqrt(sxx / s - mx * mx + 1.0 / 12);
    double hy = k * StrictMath.sqrt(syy / s - my * my + 1.0 / 12);
    double[][] wx = overlaps(im.w, mx - hx, 2 * hx, ow), wy = overlaps(im.h, my - hy, 2 * hy, oh);
    double cell = (2 * hx / ow) * (2 * hy / oh);
    double[] out = new double[ow * oh];
    for (int j = 0; j < oh; j++) {
      for (int i = 0; i < ow; i++) {
        double sum = 0, covered = 0;
        for (int y = 0; y < im.h; y++) {
          for (int x = 0; x < im.w && wy[j][y] > 0; x++) {
            double q = wy[j][y] * wx[i][x];
            sum += q * plane[y * im.w + x];
            covered += q;
          }
        }
        out[j * ow + i] = (sum + (cell - covered) * background) / cell;
      }
    }
    return out;
  }

  /** r[i][x]: the length of input pixel x inside output cell i of [lo, lo + len) cut in n. */
  private static double[][] overlaps(int m, double lo, double len, int n) {
    double[][] r = new double[n][m];
    for (int i = 0; i < n; i++) {
      double a = lo + len * i / n, b = lo + len * (i + 1) / n;
      for (int x = 0; x < m; x++) r[i][x] = Math.max(0, Math.min(b, x + 1) - Math.max(a, x));
    }
    return r;
  }

  /** pHash as shipped (8x8 lowest DCT-II frequencies incl. DC, bit = above their median) on any base. */
  static long phash(double[] small, int n) {
    double[][] cos = new double[8][n];
    for (int u = 0; u < 8; u++) {
      for (int x = 0; x < n; x++)
        cos[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / (2.0 * n));
    }
    double[] coef = new double[64];
    for (int v = 0; v < 8; v++) {
      for (int u = 0; u < 8; u++) {
        double s = 0;
        for (int y = 0; y < n; y++) {
          double row = 0;
          for (int x = 0; x < n; x++) row += small[y * n + x] * cos[u][x];
          s += row * cos[v][y];
        }
        coef[v * 8 + u] = s;
      }
    }
    double[] sorted = coef.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long bits = 0;
    for (double c : coef) bits = bits << 1 | (c > median + 1e-9 ? 1 : 0);
    return bits;
  }

  static long dhash(double[] s) {
    long bits = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++)
        bits = bits << 1 | (s[y * 9 + x] < s[y * 9 + x + 1] - 1e-9 ? 1 : 0);
    }
    return bits;
  }

  static long ahash(double[] s) {
    double mean = Arrays.stream(s).sum() / s.length;
    long bits = 0;
    for (double v : s) bits = bits << 1 | (v > mean + 1e-9 ? 1 : 0);
    return bits;
  }

  private static int[] round(double[] d) {
    int[] o = new int[d.length];
    for (int i = 0; i < d.length; i++) o[i] = (int) Math.round(d[i]);
    return o;
  }

  static long[] hashes(Img im, List<Component> components) {
    return components.stream().mapToLong(c -> hash(im, c)).toArray();
  }
}
