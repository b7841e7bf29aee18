package dev.sluice.augment.difficulty;

import java.util.Arrays;

/** Percentile ranks against a sorted sample. */
public final class Percentiles {
  private Percentiles() {}

  /** The values, NaN removed, sorted ascending (a copy). */
  public static double[] sorted(double[] values) {
    double[] out = new double[values.length];
    int n = 0;
    for (double v : values) if (!Double.isNaN(v)) out[n++] = v;
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    return out;
  }

  /**
   * Mid-rank percentile: (count below v + 0.5 × count equal to v) / n. In (0, 1) for a value of the sample; 0
   * below its minimum and 1 above its maximum; NaN for NaN v or an empty sample. Two binary searches, O(log n).
   */
  public static double rank(double[] sorted, double v) {
    if (Double.isNaN(v) || sorted.length == 0) return Double.NaN;
    int below = firstAtLeast(sorted, v);
    int upTo = firstAbove(sorted, v);
    return (below + 0.5 * (upTo - below)) / sorted.length;
  }

  private static int firstAtLeast(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static int firstAbove(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
