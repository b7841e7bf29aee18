package dev.sluice.augment.image;

import dev.sluice.quality.image.Pixels;

/**
 * Gaussian blur as two 1-D passes (rows, then columns) of a kernel of radius ceil(3σ), torchvision's
 * {@code gaussian_blur} with reflect padding. The weights come from {@link StrictMath#exp} once per call and are
 * rounded to integers summing to exactly 2^14; both passes are integer sums, so the output is the same bytes
 * everywhere. σ ≤ 0 returns the image unchanged.
 */
final class Blur {
  private static final int WEIGHT_BITS = 14;

  private Blur() {}

  /** The kernel's integer weights for offsets −r..r, summing to 2^14. */
  static int[] kernel(double sigma, int maxRadius) {
    int r = Math.max(1, Math.min(maxRadius, (int) Math.ceil(3 * sigma)));
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int j = -r; j <= r; j++)
      sum += k[j + r] = StrictMath.exp(-(j * (double) j) / (2 * sigma * sigma));
    int[] q = new int[k.length];
    int total = 0;
    for (int i = 0; i < k.length; i++)
      total += q[i] = (int) Math.round(k[i] / sum * (1 << WEIGHT_BITS));
    q[r] += (1 << WEIGHT_BITS) - total;
    return q;
  }

  static Pixels gaussian(Pixels p, double sigma) {
    int w = p.width(), h = p.height(), ch = p.channels();
    if (!(sigma > 0) || Math.max(w, h) < 2) return p;
    int[] q = kernel(sigma, Math.max(w, h) - 1);
    int r = q.length / 2;
    byte[] in = p.data();
    int[] tmp = new int[in.length]; // samples × 256
    int[] xs = new int[w + 2 * r];
    for (int i = 0; i < xs.length; i++) xs[i] = reflect(i - r, w) * ch;
    for (int y = 0; y < h; y++) {
      int row = y * w * ch;
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < ch; k++) {
          int s = 0;
          for (int t = 0; t < q.length; t++) s += (in[row + xs[x + t] + k] & 0xFF) * q[t];
          tmp[row + x * ch + k] = (s + 32) >> 6;
        }
      }
    }
    byte[] out = new byte[in.length];
    int stride = w * ch;
    int[] ys = new int[h + 2 * r];
    for (int i = 0; i < ys.length; i++) ys[i] = reflect(i - r, h) * stride;
    int[] acc = new int[stride];
    for (int y = 0; y < h; y++) {
      java.util.Arrays.fill(acc, 0);
      for (int t = 0; t < q.length; t++) {
        int src = ys[y + t], wt = q[t];
        for (int i = 0; i < stride; i++) acc[i] += tmp[src + i] * wt;
      }
      int row = y * stride;
      for (int i = 0; i < stride; i++) out[row + i] = (byte) Tone.clamp((acc[i] + (1 << 21)) >> 22);
    }
    return Tone.like(p, out);
  }

  /** Index i mirrored into [0, n) without repeating the edge (numpy/torch "reflect"). */
  static int reflect(int i, int n) {
    if (n == 1) return 0;
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }
}
