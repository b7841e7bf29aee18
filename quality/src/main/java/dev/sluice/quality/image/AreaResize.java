package dev.sluice.quality.image;

/**
 * Box (area-average) resizes of an 8-bit plane for the perceptual hashes ({@link PerceptualHash}), in exact integer
 * weights so that every JVM gets the same sums: input pixel i spans [i ow, (i + 1) ow) and output j spans [j w, (j +
 * 1) w) on a common integer axis, and each output is the sum of the inputs it covers weighted by their overlap (so
 * scaled by w x h, the same factor for every output).
 */
final class AreaResize {
  private AreaResize() {}

  /** The side the pHash resizes to, and the largest side {@link #upscaleTo32} takes. */
  static final int SIDE = 32;

  /**
   * The resize of 8-bit samples to ow x oh, returned as sums (the class comment). Works for up- and down-scaling;
   * sums stay below 255 w h, inside a long for any image.
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

  /** Images of up to this many pixels are resized in int: every sum stays at most 255 w h. */
  static final long INT_AREA = Integer.MAX_VALUE / 255;

  /**
   * {@link #areaResize} in int, for images of at most {@link #INT_AREA} pixels: the same sums (integer arithmetic
   * is exact in any order), at half the memory traffic, and with the vertical pass of up-scaling in two taps as
   * the horizontal one (before {@link #upscaleTo32}, 2.5 of a 28x28 image's ~12 us of pHash went to the long
   * resize).
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
   * to four pairs in turn ((w, 32), (h, 32) when a side is over 32, and (w, 9), (h, 8)). A slot holds the last pair that mapped to it (the
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

  /**
   * {@link #areaResizeInt} to {@link #SIDE} x {@link #SIDE} for an image of at most that size, written as doubles
   * into {@code out} transposed, column after column ({@code out[x * SIDE + y]}, the layout the pHash's DCT reads):
   * the same sums, for the small images (Fashion-MNIST's 28x28, icons, CIFAR's 32x32) whose pHash is mostly this
   * resize. Up-scaling, every output meets at most two inputs along each axis: output j's first,
   * {@code TAP_INDEX[m][j]}, overlaps it by {@code TAP_WEIGHT[m][j]} and the next input by the rest of m, from
   * tables made once for each m, instead of the general spans and their per-call arrays (a 28x28 image's resize
   * alone, one thread, tiered JIT: ~3.8 us before, ~2.3 after).
   */
  static void upscaleTo32(byte[] src, int w, int h, double[] out) {
    int[] xIndex = TAP_INDEX[w], xWeight = TAP_WEIGHT[w];
    int xTwo = TWO_TAPS[w];
    int[] horizontal = HORIZONTAL.get();
    for (int y = 0; y < h; y++) {
      int row = y * w, o = y * SIDE;
      for (int j = 0; j < xTwo; j++) {
        int i = row + xIndex[j], w0 = xWeight[j];
        horizontal[o + j] = (src[i] & 0xFF) * w0 + (src[i + 1] & 0xFF) * (w - w0);
      }
      // the outputs inside the last input take it whole (and have no next input to read)
      int last = (src[row + w - 1] & 0xFF) * w;
      for (int j = xTwo; j < SIDE; j++) horizontal[o + j] = last;
    }
    int[] yIndex = TAP_INDEX[h], yWeight = TAP_WEIGHT[h];
    int yTwo = TWO_TAPS[h];
    for (int j = 0; j < yTwo; j++) {
      int a = yIndex[j] * SIDE, b = a + SIDE, wa = yWeight[j], wb = h - wa;
      for (int i = 0; i < SIDE; i++)
        out[i * SIDE + j] = horizontal[a + i] * wa + horizontal[b + i] * wb;
    }
    for (int j = yTwo, a = (h - 1) * SIDE; j < SIDE; j++) {
      for (int i = 0; i < SIDE; i++) out[i * SIDE + j] = horizontal[a + i] * h;
    }
  }

  /** The horizontal pass's sums, one buffer per thread (the resize is most of a small image's pHash). */
  private static final ThreadLocal<int[]> HORIZONTAL =
      ThreadLocal.withInitial(() -> new int[SIDE * SIDE]);

  /**
   * For m = 1..SIDE inputs resized to SIDE outputs: output j's first input, its overlap with output j, and the first
   * output that lies inside the last input (from there on no output has a second input).
   */
  private static final int[][] TAP_INDEX = new int[SIDE + 1][SIDE],
      TAP_WEIGHT = new int[SIDE + 1][SIDE];

  private static final int[] TWO_TAPS = new int[SIDE + 1];

  static {
    for (int m = 1; m <= SIDE; m++) {
      int two = SIDE;
      for (int j = 0; j < SIDE; j++) {
        int lo = j * m, i = lo / SIDE;
        TAP_INDEX[m][j] = i;
        TAP_WEIGHT[m][j] = Math.min((i + 1) * SIDE, lo + m) - lo;
        if (i == m - 1 && two == SIDE) two = j;
      }
      TWO_TAPS[m] = two;
    }
  }
}
