package dev.sluice.quality.image;

import java.util.Arrays;

/**
 * 64-bit perceptual hashes of an image's luma, as the ImageHash library (and imagededup after it) defines them, with
 * a deterministic resize: area averaging in exact integer weights instead of Pillow's antialias filter.
 *
 * <ul>
 *   <li>{@link #phash}: luma area-averaged to 32x32, 2-D DCT-II (unnormalised, as scipy.fftpack's default), the
 *       8x8 lowest frequencies <b>including the DC term</b>, bit = coefficient &gt; the median of those 64
 *       (ImageHash's choice; imagededup leaves DC out of the median and uses &gt;=).
 *   <li>{@link #dhash}: luma area-averaged to 9 wide x 8 high, bit = left &lt; right for the 8 neighbouring pairs
 *       of each row.
 * </ul>
 *
 * Bits are taken row-major and the first is the most significant bit of the long.
 */
public final class PerceptualHash {
  private static final int N = 32, LOW = 8;

  /** COS[u][x] = cos(pi (2x + 1) u / 64), from StrictMath so every JVM has the same table. */
  private static final double[][] COS = new double[LOW][N];

  static {
    for (int u = 0; u < LOW; u++) {
      for (int x = 0; x < N; x++)
        COS[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / (2.0 * N));
    }
  }

  private PerceptualHash() {}

  public static long phash(Pixels p) {
    return phash(p.luma(), p.width(), p.height());
  }

  /** pHash of a luma plane ({@link Pixels#luma()}), for callers that already have it. */
  public static long phash(byte[] luma, int width, int height) {
    long[] sums = areaResize(luma, width, height, N, N);
    // the sums as doubles once (exact: they stay far below 2^53), not once per cosine they meet
    double[] small = new double[N * N];
    for (int i = 0; i < small.length; i++) small[i] = sums[i];
    // rows first: R[y][u] = sum_x f(y, x) cos(.. x .. u); then columns: C[v][u] = sum_y R[y][u]
    // cos(.. y .. v); each sum adds its terms in the same order as ever, so the bits do not change
    double[] rows = new double[N * LOW];
    for (int y = 0; y < N; y++) {
      int row = y * N;
      for (int u = 0; u < LOW; u++) {
        double[] cos = COS[u];
        double s = 0;
        for (int x = 0; x < N; x++) s += small[row + x] * cos[x];
        rows[y * LOW + u] = s;
      }
    }
    double[] coef = new double[LOW * LOW];
    for (int v = 0; v < LOW; v++) {
      double[] cos = COS[v];
      for (int u = 0; u < LOW; u++) {
        double s = 0;
        for (int y = 0; y < N; y++) s += rows[y * LOW + u] * cos[y];
        coef[v * LOW + u] = s;
      }
    }
    double[] sorted = coef.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long bits = 0;
    for (int i = 0; i < 64; i++) bits = bits << 1 | (coef[i] > median ? 1 : 0);
    return bits;
  }

  public static long dhash(Pixels p) {
    return dhash(p.luma(), p.width(), p.height());
  }

  /** dHash of a luma plane ({@link Pixels#luma()}), for callers that already have it. */
  public static long dhash(byte[] luma, int width, int height) {
    long[] small = areaResize(luma, width, height, 9, 8);
    long bits = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++)
        bits = bits << 1 | (small[y * 9 + x] < small[y * 9 + x + 1] ? 1 : 0);
    }
    return bits;
  }

  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * Box (area-average) resize of 8-bit samples to ow x oh, returned as sums: each output value is the input area
   * it covers weighted by exact overlap, scaled by w x h (the same factor for every output, so comparisons between
   * outputs are exact). Input pixel i spans [i ow, (i + 1) ow) and output j spans [j w, (j + 1) w) on a common
   * integer axis. Works for up- and down-scaling; sums stay below 255 w h, inside a long for any image.
   */
  static long[] areaResize(byte[] src, int w, int h, int ow, int oh) {
    long[] horizontal = new long[h * ow];
    int[][] xs = spans(w, ow);
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int j = 0; j < ow; j++) {
        int[] s = xs[j];
        long acc = 0;
        for (int k = 0; k < s.length; k += 2) acc += (long) (src[row + s[k]] & 0xFF) * s[k + 1];
        horizontal[y * ow + j] = acc;
      }
    }
    long[] out = new long[oh * ow];
    int[][] ys = spans(h, oh);
    for (int j = 0; j < oh; j++) {
      int[] s = ys[j];
      for (int k = 0; k < s.length; k += 2) {
        int row = s[k] * ow;
        long weight = s[k + 1];
        for (int i = 0; i < ow; i++) out[j * ow + i] += horizontal[row + i] * weight;
      }
    }
    return out;
  }

  /** Spans by (m, n): an image set has few distinct sizes, and a 28x28 image is cheaper to hash than to plan. */
  private static final java.util.concurrent.ConcurrentHashMap<Long, int[][]> SPANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** For each output cell j of n, the pairs (input index, overlap) of the m input cells it covers. */
  private static int[][] spans(int m, int n) {
    if (SPANS.size() > 4096) SPANS.clear();
    return SPANS.computeIfAbsent((long) m << 32 | n, k -> computeSpans(m, n));
  }

  private static int[][] computeSpans(int m, int n) {
    int[][] out = new int[n][];
    for (int j = 0; j < n; j++) {
      long lo = (long) j * m, hi = (long) (j + 1) * m;
      int first = (int) (lo / n), last = (int) ((hi - 1) / n);
      int[] s = new int[2 * (last - first + 1)];
      for (int i = first, k = 0; i <= last; i++, k += 2) {
        long a = Math.max(lo, (long) i * n), b = Math.min(hi, (long) (i + 1) * n);
        s[k] = i;
        s[k + 1] = (int) (b - a);
      }
      out[j] = s;
    }
    return out;
  }
}
