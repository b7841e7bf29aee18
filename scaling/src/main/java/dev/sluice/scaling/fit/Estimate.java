package dev.sluice.scaling.fit;

import java.util.Arrays;

/**
 * A fitted value with its bootstrap 95% interval (percentiles 2.5 and 97.5 of the resampled fits). The interval
 * is null when there were no resamples. Resamples whose fit gave no number (NaN) are left out; infinite ones (a
 * multiplier whose reference never reaches the loss) are kept, so an interval can be unbounded.
 */
public record Estimate(double value, Double ciLow, Double ciHigh) {

  public static Estimate of(double value, double[] resampled) {
    double[] numbers = Arrays.stream(resampled).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (numbers.length == 0) return new Estimate(value, null, null);
    return new Estimate(value, percentile(numbers, 0.025), percentile(numbers, 0.975));
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
    if (sorted[lo] == sorted[hi]) return sorted[lo];
    if (Double.isInfinite(sorted[lo]) || Double.isInfinite(sorted[hi]))
      return q < 0.5 ? sorted[lo] : sorted[hi];
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
