package dev.sluice.quality.image;

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

  /** COS_BY_X[x * 8 + u] = COS[u][x]: a row's eight cosines for one x side by side. */
  private static final double[] COS_BY_X = new double[N * LOW];

  static {
    for (int x = 0; x < N; x++) {
      for (int u = 0; u < LOW; u++) COS_BY_X[x * LOW + u] = COS[u][x];
    }
  }

  private PerceptualHash() {}

  private static void store(
      double[] a,
      int at,
      double s0,
      double s1,
      double s2,
      double s3,
      double s4,
      double s5,
      double s6,
      double s7) {
    a[at] = s0;
    a[at + 1] = s1;
    a[at + 2] = s2;
    a[at + 3] = s3;
    a[at + 4] = s4;
    a[at + 5] = s5;
    a[at + 6] = s6;
    a[at + 7] = s7;
  }

  public static long phash(Pixels p) {
    return phash(p.luma(), p.width(), p.height());
  }

  /** pHash of a luma plane ({@link Pixels#luma()}), for callers that already have it. */
  public static long phash(byte[] luma, int width, int height) {
    // the sums as doubles once (exact: they stay far below 2^53), not once per cosine they meet
    double[] small = new double[N * N];
    if ((long) width * height <= INT_AREA) {
      int[] sums = areaResizeInt(luma, width, height, N, N);
      for (int i = 0; i < small.length; i++) small[i] = sums[i];
    } else {
      long[] sums = areaResize(luma, width, height, N, N);
      for (int i = 0; i < small.length; i++) small[i] = sums[i];
    }
    // rows first: R[y][u] = sum_x f(y, x) cos(.. x .. u); then columns: C[v][u] = sum_y R[y][u]
    // cos(.. y .. v). Each sum adds its terms one at a time in index order, as it always has, so
    // the bits never change; the eight sums of a row (or of a column pass) run side by side, so
    // that
    // each addition need not wait for the one before it (the JIT of small runs, C1, neither unrolls
    // nor reorders floating-point sums; BENCHMARKS.md)
    double[] rows = new double[N * LOW];
    for (int y = 0; y < N; y++) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (int x = 0, r = y * N, t = 0; x < N; x++, t += LOW) {
        double f = small[r + x];
        s0 += f * COS_BY_X[t];
        s1 += f * COS_BY_X[t + 1];
        s2 += f * COS_BY_X[t + 2];
        s3 += f * COS_BY_X[t + 3];
        s4 += f * COS_BY_X[t + 4];
        s5 += f * COS_BY_X[t + 5];
        s6 += f * COS_BY_X[t + 6];
        s7 += f * COS_BY_X[t + 7];
      }
      store(rows, y * LOW, s0, s1, s2, s3, s4, s5, s6, s7);
    }
    double[] coef = new double[LOW * LOW];
    for (int v = 0; v < LOW; v++) {
      double[] c = COS[v];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (int y = 0, r = 0; y < N; y++, r += LOW) {
        double cy = c[y];
        s0 += rows[r] * cy;
        s1 += rows[r + 1] * cy;
        s2 += rows[r + 2] * cy;
        s3 += rows[r + 3] * cy;
        s4 += rows[r + 4] * cy;
        s5 += rows[r + 5] * cy;
        s6 += rows[r + 6] * cy;
        s7 += rows[r + 7] * cy;
      }
      store(coef, v * LOW, s0, s1, s2, s3, s4, s5, s6, s7);
    }
    double median = median64(coef);
    long bits = 0;
    for (int i = 0; i < 64; i++) bits = bits << 1 | (coef[i] > median ? 1 : 0);
    return bits;
  }

  public static long dhash(Pixels p) {
    return dhash(p.luma(), p.width(), p.height());
  }

  /** dHash of a luma plane ({@link Pixels#luma()}), for callers that already have it. */
  public static long dhash(byte[] luma, int width, int height) {
    long[] small;
    if ((long) width * height <= INT_AREA) {
      int[] sums = areaResizeInt(luma, width, height, 9, 8);
      small = new long[sums.length];
      for (int i = 0; i < sums.length; i++) small[i] = sums[i];
    } else {
      small = areaResize(luma, width, height, 9, 8);
    }
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
   * The mean of the 32nd and 33rd smallest of 64 finite values, as sorting them gives it, by selection (sorting 64
   * values was a sixth of pHash on small images). Equal values make no difference to which value is where, and a
   * zero's sign none to the hash, which only asks which coefficients are above it.
   */
  static double median64(double[] values) {
    double[] a = values.clone();
    int lo = 0, hi = 63;
    final int k = 31;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo, j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break; // a[k] equals the pivot, between the two parts
    }
    double upper = Double.POSITIVE_INFINITY; // everything right of k is at least a[k]
    for (int x = k + 1; x < 64; x++) if (a[x] < upper) upper = a[x];
    return (a[k] + upper) / 2;
  }

  /** Images of up to this many pixels are resized in int: every sum stays at most 255 w h. */
  static final long INT_AREA = Integer.MAX_VALUE / 255;

  /**
   * {@link #areaResize} in int, for images of at most {@link #INT_AREA} pixels: the same sums (integer arithmetic
   * is exact in any order), at half the memory traffic, and with the vertical pass of up-scaling in two taps as
   * the horizontal one (a 28x28 image to 32x32: 2.5 of pHash's ~12 us went to the long resize).
   */
  static int[] areaResizeInt(byte[] src, int w, int h, int ow, int oh) {
    int[] horizontal = new int[h * ow];
    Spans xs = spans(w, ow);
    int[] lo = xs.first, loWeight = xs.firstWeight, hi = xs.last, hiWeight = xs.lastWeight;
    if (xs.twoTaps) {
      for (int y = 0; y < h; y++) {
        int row = y * w, o = y * ow;
        for (int j = 0; j < ow; j++) {
          horizontal[o + j] =
              (src[row + lo[j]] & 0xFF) * loWeight[j] + (src[row + hi[j]] & 0xFF) * hiWeight[j];
        }
      }
    } else {
      for (int y = 0; y < h; y++) {
        int row = y * w, o = y * ow;
        for (int j = 0; j < ow; j++) {
          int inner = 0;
          for (int i = row + lo[j] + 1, e = row + hi[j]; i < e; i++) inner += src[i] & 0xFF;
          horizontal[o + j] =
              (src[row + lo[j]] & 0xFF) * loWeight[j]
                  + (src[row + hi[j]] & 0xFF) * hiWeight[j]
                  + inner * ow;
        }
      }
    }
    int[] out = new int[oh * ow];
    Spans ys = spans(h, oh);
    if (ys.twoTaps) {
      for (int j = 0; j < oh; j++) {
        int a = ys.first[j] * ow,
            b = ys.last[j] * ow,
            wa = ys.firstWeight[j],
            wb = ys.lastWeight[j];
        for (int i = 0, o = j * ow; i < ow; i++)
          out[o + i] = horizontal[a + i] * wa + horizontal[b + i] * wb;
      }
    } else {
      int[] start = ys.start, index = ys.index, weight = ys.weight;
      for (int j = 0; j < oh; j++) {
        int o = j * ow;
        for (int k = start[j], e = start[j + 1]; k < e; k++) {
          int row = index[k] * ow, wk = weight[k];
          for (int i = 0; i < ow; i++) out[o + i] += horizontal[row + i] * wk;
        }
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

  /**
   * Spans by (m, n), direct-mapped: an image set has few distinct sizes, and pHash and dHash of one image ask for up
   * to four pairs in turn ((w, 32), (h, 32), (w, 9), (h, 8)). A slot holds the last pair that mapped to it (the
   * slot from a multiplicative hash, so that sizes that differ by a multiple of a power of two do not share one); a
   * miss builds the spans anew, which costs less than one resize. Spans are immutable (final fields), so a slot may
   * be read and written from any thread without a lock.
   */
  private static final Spans[] SPANS = new Spans[256];

  private static Spans spans(int m, int n) {
    int slot = (m * 0x9E3779B1 + n * 0x85EBCA77) >>> 24;
    Spans s = SPANS[slot];
    if (s != null && s.m == m && s.n == n) return s;
    s = new Spans(m, n);
    SPANS[slot] = s;
    return s;
  }
}
