package dev.sluice.scaling.fit;

import java.util.Arrays;

/**
 * A fitted value with its bootstrap 95% interval (percentiles 2.5 and 97.5 of the resampled fits). The interval
 * is null when there were no resamples.
 */
public record Estimate(double value, Double ciLow, Double ciHigh) {

  public static Estimate of(double value, double[] resampled) {
    double[] finite = Arrays.stream(resampled).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) return new Estimate(value, null, null);
    return new Estimate(value, percentile(finite, 0.025), percentile(finite, 0.975));
  }

  /** Whether the interval contains {@code x}. */
  public boolean covers(double x) {
    return ciLow != null && ciLow <= x && x <= ciHigh;
  }

  /** Linear interpolation between order statistics (numpy's default). */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
