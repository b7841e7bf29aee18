package dev.sluice.scaling.fit;

/** err(n) = E + A·n^(−alpha): the irreducible error E, the scale A and the data exponent alpha. */
public record PowerCurve(double e, double a, double alpha) implements ErrorCurve {
  @Override
  public double error(double n) {
    return e + a * Math.pow(n, -alpha);
  }

  /** n = (A / (target − E))^(1/alpha); +infinity at or below E; NaN without a positive exponent and scale. */
  @Override
  public double imagesFor(double target) {
    if (!(alpha > 0) || !(a > 0) || Double.isNaN(target)) return Double.NaN;
    if (!(target > e)) return Double.POSITIVE_INFINITY;
    return Math.pow(a / (target - e), 1 / alpha);
  }
}
