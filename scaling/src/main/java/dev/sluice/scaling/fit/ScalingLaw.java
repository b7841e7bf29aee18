package dev.sluice.scaling.fit;

/**
 * Chinchilla's parametric loss L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, approach 3).
 */
public record ScalingLaw(double e, double a, double b, double alpha, double beta) {

  public double loss(double n, double d) {
    return e + a / Math.pow(n, alpha) + b / Math.pow(d, beta);
  }

  /**
   * The loss-minimising split of a compute budget C = flopsPerToken·N·D with flopsPerToken = 6 per parameter:
   * N_opt = G (C/6)^(beta/(alpha+beta)), G = (alpha A / (beta B))^(1/(alpha+beta)) (Chinchilla, eq. 4).
   */
  public double optimalN(double c) {
    double g = Math.pow(alpha * a / (beta * b), 1 / (alpha + beta));
    return g * Math.pow(c / 6, beta / (alpha + beta));
  }

  public double optimalD(double c) {
    return c / (6 * optimalN(c));
  }

  /** The lowest loss compute C buys with the split of {@link #optimalN}. */
  public double optimalLoss(double c) {
    double n = optimalN(c);
    return loss(n, c / (6 * n));
  }

  /**
   * The compute at which this law's optimal loss reaches {@code target}, by bisection on log C; infinity when
   * the target is at or below the irreducible loss E (or not reached by 1e40 FLOPs); NaN when an exponent is 0
   * (the law then has no compute-optimal split).
   */
  public double computeFor(double target) {
    if (!(alpha > 0) || !(beta > 0) || Double.isNaN(target)) return Double.NaN;
    if (!(target > e)) return Double.POSITIVE_INFINITY;
    double lo = Math.log(1e-6), hi = Math.log(1e40);
    if (optimalLoss(Math.exp(hi)) > target) return Double.POSITIVE_INFINITY;
    if (optimalLoss(Math.exp(lo)) <= target) return Math.exp(lo);
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (optimalLoss(Math.exp(mid)) > target) lo = mid;
      else hi = mid;
    }
    return Math.exp((lo + hi) / 2);
  }
}
