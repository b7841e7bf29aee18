package dev.sluice.trainer.image;

import dev.sluice.quality.image.Pixels;

/**
 * Area-average resize to a square: each output pixel is the mean of the source area it covers, fractional edge
 * pixels weighted by their overlap (PIL's BOX filter). Integer-free of platform effects: plain double sums in a
 * fixed order, rounded half up, so every JVM gives the same bytes.
 */
final class Resize {
  private Resize() {}

  static Pixels square(Pixels in, int size) {
    if (in.width() == size && in.height() == size) return in;
    int ch = in.channels();
    double[][] wx = weights(in.width(), size);
    double[][] wy = weights(in.height(), size);
    int[] x0 = starts(in.width(), size);
    int[] y0 = starts(in.height(), size);
    byte[] out = new byte[size * size * ch];
    double[] acc = new double[ch];
    for (int oy = 0; oy < size; oy++) {
      for (int ox = 0; ox < size; ox++) {
        java.util.Arrays.fill(acc, 0);
        double total = 0;
        for (int j = 0; j < wy[oy].length; j++) {
          for (int i = 0; i < wx[ox].length; i++) {
            double w = wy[oy][j] * wx[ox][i];
            total += w;
            for (int c = 0; c < ch; c++) acc[c] += w * in.at(x0[ox] + i, y0[oy] + j, c);
          }
        }
        for (int c = 0; c < ch; c++) {
          out[(oy * size + ox) * ch + c] = (byte) Math.min(255, (int) (acc[c] / total + 0.5));
        }
      }
    }
    return new Pixels(size, size, ch, out);
  }

  /** First source index each output cell touches. */
  private static int[] starts(int n, int size) {
    int[] s = new int[size];
    for (int o = 0; o < size; o++) s[o] = (int) Math.floor((double) o * n / size);
    return s;
  }

  /** Overlap of output cell o ([o·n/size, (o+1)·n/size)) with each source pixel it touches. */
  private static double[][] weights(int n, int size) {
    double[][] w = new double[size][];
    for (int o = 0; o < size; o++) {
      double lo = (double) o * n / size;
      double hi = (double) (o + 1) * n / size;
      int first = (int) Math.floor(lo);
      int last = Math.min(n - 1, (int) Math.ceil(hi) - 1);
      w[o] = new double[last - first + 1];
      for (int k = first; k <= last; k++) {
        w[o][k - first] = Math.max(0, Math.min(hi, k + 1) - Math.max(lo, k));
      }
    }
    return w;
  }
}
