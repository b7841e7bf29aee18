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
  private static final int N = AreaResize.SIDE, LOW = 8;

  /** COS[u][x] = cos(pi (2x + 1) u / 64), from StrictMath so every JVM has the same table. */
  private static final double[][] COS = new double[LOW][N];

  static {
    for (int u = 0; u < LOW; u++) {
      for (int x = 0; x < N; x++)
        COS[u][x] = StrictMath.cos(StrictMath.PI * (2 * x + 1) * u / (2.0 * N));
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
    checkPlane(luma, width, height);
    // the sums as doubles once (exact: they stay far below 2^53), not once per cosine they meet,
    // and transposed, so that the DCT's row pass reads eight rows' values side by side
    double[] small = SMALL.get();
    if (width <= N && height <= N) AreaResize.upscaleTo32(luma, width, height, small);
    else if ((long) width * height <= AreaResize.INT_AREA)
      transpose(AreaResize.areaResizeInt(luma, width, height, N, N), small);
    else transpose(AreaResize.areaResize(luma, width, height, N, N), small);
    return phashOfResized(small);
  }

  /** The resized plane, one per thread: it is only read before phash returns. */
  private static final ThreadLocal<double[]> SMALL =
      ThreadLocal.withInitial(() -> new double[N * N]);

  /** sums[y * N + x] as small[x * N + y]. */
  static void transpose(int[] sums, double[] small) {
    for (int y = 0, i = 0; y < N; y++) for (int x = 0; x < N; x++, i++) small[x * N + y] = sums[i];
  }

  /** The same for the long sums of images over {@link AreaResize#INT_AREA} pixels. */
  private static void transpose(long[] sums, double[] small) {
    for (int y = 0, i = 0; y < N; y++) for (int x = 0; x < N; x++, i++) small[x * N + y] = sums[i];
  }

  /**
   * The pHash of the luma already resized to N x N, as the area sums the resizes return, transposed: {@code
   * small[x * N + y]} is the value at row y, column x.
   */
  static long phashOfResized(double[] small) {
    // rows first: R[y][u] = sum_x f(y, x) cos(.. x .. u); then columns: C[v][u] = sum_y R[y][u]
    // cos(.. y .. v). Each sum adds its terms one at a time in index order, as it always has, so
    // the bits never change; eight sums run side by side (eight rows' R[y][u] for one u, then the
    // eight C[v][u] of one v), so that each addition need not wait for the one before it (the JIT
    // of small runs, C1, neither unrolls nor reorders floating-point sums; BENCHMARKS.md)
    double[] rowsT = new double[LOW * N]; // rowsT[u * N + y] = R[y][u]
    for (int u = 0; u < LOW; u++) {
      double[] c = COS[u];
      for (int y = 0; y < N; y += 8) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int x = 0; x < N; x++) {
          double cx = c[x];
          int r = x * N + y;
          s0 += small[r] * cx;
          s1 += small[r + 1] * cx;
          s2 += small[r + 2] * cx;
          s3 += small[r + 3] * cx;
          s4 += small[r + 4] * cx;
          s5 += small[r + 5] * cx;
          s6 += small[r + 6] * cx;
          s7 += small[r + 7] * cx;
        }
        store(rowsT, u * N + y, s0, s1, s2, s3, s4, s5, s6, s7);
      }
    }
    double[] coef = new double[LOW * LOW];
    for (int v = 0; v < LOW; v++) {
      double[] c = COS[v];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (int y = 0; y < N; y++) {
        double cy = c[y];
        s0 += rowsT[y] * cy;
        s1 += rowsT[N + y] * cy;
        s2 += rowsT[2 * N + y] * cy;
        s3 += rowsT[3 * N + y] * cy;
        s4 += rowsT[4 * N + y] * cy;
        s5 += rowsT[5 * N + y] * cy;
        s6 += rowsT[6 * N + y] * cy;
        s7 += rowsT[7 * N + y] * cy;
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
    checkPlane(luma, width, height);
    long[] small;
    if ((long) width * height <= AreaResize.INT_AREA) {
      int[] sums = AreaResize.areaResizeInt(luma, width, height, 9, 8);
      small = new long[sums.length];
      for (int i = 0; i < sums.length; i++) small[i] = sums[i];
    } else {
      small = AreaResize.areaResize(luma, width, height, 9, 8);
    }
    long bits = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++)
        bits = bits << 1 | (small[y * 9 + x] < small[y * 9 + x + 1] ? 1 : 0);
    }
    return bits;
  }

  private static void checkPlane(byte[] luma, int width, int height) {
    if (width <= 0 || height <= 0 || luma.length != (long) width * height)
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " luma plane cannot have " + luma.length + " samples");
  }

  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
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
}
