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
    // cos(.. y .. v). Each sum adds its terms one at a time in index order, as it always has, so
    // the bits never change; the loops are unrolled by hand because C1, which compiles small runs,
    // does not unroll them (24 -> 21 us per 28x28 image, BENCHMARKS.md)
    double[] rows = new double[N * LOW];
    for (int y = 0; y < N; y++) {
      int r = y * N;
      for (int u = 0; u < LOW; u++) {
        double[] c = COS[u];
        double s = 0;
        for (int x = 0; x < N; x += 8) {
          s += small[r + x] * c[x];
          s += small[r + x + 1] * c[x + 1];
          s += small[r + x + 2] * c[x + 2];
          s += small[r + x + 3] * c[x + 3];
          s += small[r + x + 4] * c[x + 4];
          s += small[r + x + 5] * c[x + 5];
          s += small[r + x + 6] * c[x + 6];
          s += small[r + x + 7] * c[x + 7];
        }
        rows[y * LOW + u] = s;
      }
    }
    double[] coef = new double[LOW * LOW];
    for (int v = 0; v < LOW; v++) {
      double[] c = COS[v];
      for (int u = 0; u < LOW; u++) {
        double s = 0;
        for (int y = 0; y < N; y += 4) {
          s += rows[y * LOW + u] * c[y];
          s += rows[(y + 1) * LOW + u] * c[y + 1];
          s += rows[(y + 2) * LOW + u] * c[y + 2];
          s += rows[(y + 3) * LOW + u] * c[y + 3];
        }
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
    Spans xs = spans(w, ow);
    if (xs.twoTaps) { // up-scaling (a 28x28 image to 32x32): no loop over taps
      int[] i0 = xs.first, w0 = xs.firstWeight, i1 = xs.last, w1 = xs.lastWeight;
      for (int y = 0; y < h; y++) {
        int row = y * w, o = y * ow;
        for (int j = 0; j < ow; j++) {
          horizontal[o + j] =
              (long) (src[row + i0[j]] & 0xFF) * w0[j] + (long) (src[row + i1[j]] & 0xFF) * w1[j];
        }
      }
    } else {
      // down-scaling: the inputs strictly inside an output's span overlap it whole (weight ow)
      int[] lo = xs.first, loWeight = xs.firstWeight, hi = xs.last, hiWeight = xs.lastWeight;
      for (int y = 0; y < h; y++) {
        int row = y * w, o = y * ow;
        for (int j = 0; j < ow; j++) {
          long inner = 0;
          for (int i = row + lo[j] + 1, e = row + hi[j]; i < e; i++) inner += src[i] & 0xFF;
          horizontal[o + j] =
              (long) (src[row + lo[j]] & 0xFF) * loWeight[j]
                  + (long) (src[row + hi[j]] & 0xFF) * hiWeight[j]
                  + inner * ow;
        }
      }
    }
    long[] out = new long[oh * ow];
    Spans ys = spans(h, oh);
    int[] start = ys.start, index = ys.index, weight = ys.weight;
    for (int j = 0; j < oh; j++) {
      int o = j * ow;
      for (int k = start[j], e = start[j + 1]; k < e; k++) {
        int row = index[k] * ow;
        long wk = weight[k];
        for (int i = 0; i < ow; i++) out[o + i] += horizontal[row + i] * wk;
      }
    }
    return out;
  }

  /**
   * How n output cells cover m input cells: output j takes the pairs (input {@code index[k]}, overlap {@code
   * weight[k]}) for k in {@code start[j] .. start[j + 1]}. Every output's inputs are consecutive, from {@code first}
   * to {@code last}: the two ends overlap it by {@code firstWeight} and {@code lastWeight} (0 when they are the same
   * input), every input between them by n; so when no output covers more than two inputs (up-scaling), the ends are
   * its two taps.
   */
  private static final class Spans {
    final int m, n;
    final int[] start, index, weight;
    final boolean twoTaps;
    final int[] first, firstWeight, last, lastWeight;

    Spans(int m, int n) {
      this.m = m;
      this.n = n;
      start = new int[n + 1];
      for (int j = 0; j < n; j++)
        start[j + 1] = start[j] + (lastInput(j) - (int) ((long) j * m / n) + 1);
      index = new int[start[n]];
      weight = new int[start[n]];
      first = new int[n];
      firstWeight = new int[n];
      last = new int[n];
      lastWeight = new int[n];
      boolean two = true;
      for (int j = 0; j < n; j++) {
        long lo = (long) j * m, hi = (long) (j + 1) * m;
        for (int i = (int) (lo / n), k = start[j]; i <= lastInput(j); i++, k++) {
          long a = Math.max(lo, (long) i * n), b = Math.min(hi, (long) (i + 1) * n);
          index[k] = i;
          weight[k] = (int) (b - a);
        }
        int taps = start[j + 1] - start[j];
        two &= taps <= 2;
        first[j] = index[start[j]];
        firstWeight[j] = weight[start[j]];
        last[j] = index[start[j + 1] - 1];
        lastWeight[j] = taps >= 2 ? weight[start[j + 1] - 1] : 0;
      }
      twoTaps = two;
    }

    private int lastInput(int j) {
      return (int) (((long) (j + 1) * m - 1) / n);
    }
  }

  /** The spans last used (an image set has few distinct sizes), and all by (m, n). */
  private static volatile Spans lastSpans;

  private static final java.util.concurrent.ConcurrentHashMap<Long, Spans> SPANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Spans spans(int m, int n) {
    Spans s = lastSpans;
    if (s != null && s.m == m && s.n == n) return s;
    if (SPANS.size() > 4096) SPANS.clear();
    s = SPANS.computeIfAbsent((long) m << 32 | n, k -> new Spans(m, n));
    lastSpans = s;
    return s;
  }
}
