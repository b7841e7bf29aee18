package dev.sluice.scaling.fit;

/**
 * Test error against training images at one model width: a fitted power law ({@link PowerCurve}) or, where the
 * fit is degenerate, the measured means joined in log-log space ({@link InterpolatedCurve}).
 */
public interface ErrorCurve {
  /** The error at {@code n} training images. */
  double error(double n);

  /**
   * The training images at which the curve reaches {@code target}: +infinity when it never does (at or below E,
   * or past the last measured point of an interpolation), 0 when it is already there below the first; NaN when
   * the curve cannot say (no decrease).
   */
  double imagesFor(double target);
}
