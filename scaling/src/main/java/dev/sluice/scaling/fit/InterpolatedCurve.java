package dev.sluice.scaling.fit;

import java.util.Arrays;

/**
 * The fallback when a power-law fit is degenerate: the mean error at each measured n, joined by straight lines in
 * (log n, log err). It never extrapolates: {@link #imagesFor} answers only inside the measured range (the first
 * crossing, scanning up from the smallest n), +infinity when the target is below every measured error, 0 when it
 * is above the error at the smallest n.
 */
public record InterpolatedCurve(double[] n, double[] err) implements ErrorCurve {
  public InterpolatedCurve {
    if (n.length == 0 || n.length != err.length)
      throw new IllegalArgumentException("one error per n, at least one");
    for (int i = 1; i < n.length; i++)
      if (!(n[i] > n[i - 1]))
        throw new IllegalArgumentException("n must increase: " + Arrays.toString(n));
  }

  @Override
  public double error(double x) {
    if (x <= n[0]) return err[0];
    if (x >= n[n.length - 1]) return err[err.length - 1];
    int i = 1;
    while (n[i] < x) i++;
    double t = (Math.log(x) - Math.log(n[i - 1])) / (Math.log(n[i]) - Math.log(n[i - 1]));
    return Math.exp(Math.log(err[i - 1]) + t * (Math.log(err[i]) - Math.log(err[i - 1])));
  }

  @Override
  public double imagesFor(double target) {
    if (Double.isNaN(target)) return Double.NaN;
    if (target >= err[0]) return 0;
    for (int i = 1; i < n.length; i++) {
      if (err[i] <= target) {
        double t =
            (Math.log(target) - Math.log(err[i - 1])) / (Math.log(err[i]) - Math.log(err[i - 1]));
        return Math.exp(Math.log(n[i - 1]) + t * (Math.log(n[i]) - Math.log(n[i - 1])));
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
