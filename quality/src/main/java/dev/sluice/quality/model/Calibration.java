package dev.sluice.quality.model;

/**
 * Platt scaling: a score's probability is {@code sigmoid(slope × z + intercept)}, where z is the classifier's raw
 * log-odds. A regularised logistic regression's own outputs are not probabilities: the penalty shrinks its weights,
 * so every score sits near sigmoid(bias) (on the web sample, before this, 0.49-0.56). Two parameters fitted on
 * documents the weights never saw restore the scale without changing the order (slope > 0), so a top fraction
 * keeps the same documents and {@code min_score} reads as a probability.
 *
 * <p>Platt (1999), "Probabilistic outputs for support vector machines", with his smoothed targets (a positive
 * counts as (N+ + 1) / (N+ + 2), a negative as 1 / (N- + 2)), which keep the fit finite when the calibration
 * documents are perfectly separated; minimised by Newton's method with a backtracking line search, as Lin, Lin and
 * Weng (2007), "A note on Platt's probabilistic outputs for support vector machines", recommend. Deterministic.
 * Isotonic regression was not chosen: on a few hundred documents it is a step function with wide flat steps, and
 * its ties would undo the ranking a top fraction needs.
 */
public record Calibration(double slope, double intercept) {
  public Calibration {
    if (!(slope > 0) || Double.isInfinite(slope) || !Double.isFinite(intercept)) {
      throw new IllegalArgumentException(
          "calibration slope must be > 0 and finite, intercept finite: "
              + slope
              + ", "
              + intercept);
    }
  }

  /** No calibration: the probability is sigmoid(z). */
  public static Calibration identity() {
    return new Calibration(1, 0);
  }

  /** The probability of raw log-odds z, in (0, 1) (it rounds to 0 or 1 only beyond |z'| ≈ 37). */
  public double probability(double z) {
    return 1 / (1 + Math.exp(-(slope * z + intercept)));
  }

  private static final int MAX_ITERATIONS = 100;
  private static final double MIN_STEP = 1e-10;
  private static final double RIDGE = 1e-12;
  private static final double GRADIENT_TOLERANCE = 1e-10;

  /**
   * Fits slope and intercept to raw log-odds {@code z} of documents of known class. Both classes must be present,
   * and the fitted slope must be positive (the scores must rank the documents better than chance), else {@link
   * IllegalArgumentException}.
   */
  public static Calibration platt(double[] z, boolean[] positive) {
    if (z.length != positive.length) throw new IllegalArgumentException("lengths differ");
    int pos = 0;
    for (boolean p : positive) if (p) pos++;
    int neg = z.length - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "calibration needs documents of both classes: "
              + pos
              + " positive, "
              + neg
              + " negative");
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double[] t = new double[z.length];
    for (int i = 0; i < z.length; i++) t[i] = positive[i] ? hi : lo;
    double a = 0;
    double b = Math.log((pos + 1.0) / (neg + 1.0));
    double f = loss(z, t, a, b);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double ga = 0;
      double gb = 0;
      double haa = RIDGE;
      double hab = 0;
      double hbb = RIDGE;
      for (int i = 0; i < z.length; i++) {
        double p = sigmoid(a * z[i] + b);
        double d = p - t[i];
        ga += d * z[i];
        gb += d;
        double w = p * (1 - p);
        haa += w * z[i] * z[i];
        hab += w * z[i];
        hbb += w;
      }
      if (Math.abs(ga) < GRADIENT_TOLERANCE && Math.abs(gb) < GRADIENT_TOLERANCE) break;
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      double slopeAlong =
          ga * da + gb * db; // < 0: a descent direction (the Hessian is positive definite)
      double step = 1;
      double next = Double.NaN;
      while (step >= MIN_STEP) {
        next = loss(z, t, a + step * da, b + step * db);
        if (next < f + 1e-4 * step * slopeAlong) break;
        step /= 2;
      }
      if (step < MIN_STEP) break; // no more progress at double precision
      a += step * da;
      b += step * db;
      f = next;
    }
    if (!(a > 0)) {
      throw new IllegalArgumentException(
          "the classifier does not rank the calibration documents (Platt slope " + a + " <= 0)");
    }
    return new Calibration(a, b);
  }

  /** The cross-entropy of probabilities sigmoid(a z + b) against targets t, computed without overflow. */
  private static double loss(double[] z, double[] t, double a, double b) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      double x = a * z[i] + b;
      s += softplus(x) - t[i] * x; // -t log p - (1 - t) log(1 - p)
    }
    return s;
  }

  private static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
