package dev.sluice.scaling.fit;

import java.util.List;

/**
 * The objective of Chinchilla's approach 3, for one or several arms: the Huber loss (delta 1e-3) of the
 * log-sum-exp prediction log L = LSE(a - alpha log N, b_k - beta log D, e) against the observed log L, summed over
 * points (not averaged), with its exact gradient.
 *
 * <p>Parameters, in order: e, a, alpha, beta, then b_k for each arm k (one arm: the plain five-parameter law;
 * several: the joint model with a shared E, A, alpha, beta and one B per arm).
 */
final class HuberObjective {
  static final double DELTA = 1e-3;

  private final double[] logN;
  private final double[] logD;
  private final double[] logL;
  private final int[] arm;
  private final int[] weight;
  final int arms;

  /**
   * @param weight how many times each point counts (a bootstrap resample; null: each once)
   */
  HuberObjective(List<Point> points, List<String> armNames, int[] weight) {
    int n = points.size();
    logN = new double[n];
    logD = new double[n];
    logL = new double[n];
    arm = new int[n];
    this.weight = weight;
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      logN[i] = Math.log(p.n());
      logD[i] = Math.log(p.d());
      logL[i] = Math.log(p.loss());
      arm[i] = armNames.indexOf(p.arm());
      if (arm[i] < 0) throw new IllegalArgumentException("arm " + p.arm() + " not in " + armNames);
    }
    arms = armNames.size();
  }

  int parameters() {
    return 4 + arms;
  }

  /** The objective's value; fills {@code grad} (when not null) with its gradient. */
  double evaluate(double[] theta, double[] grad) {
    double e = theta[0], a = theta[1], alpha = theta[2], beta = theta[3];
    if (grad != null) java.util.Arrays.fill(grad, 0);
    double sum = 0;
    for (int i = 0; i < logN.length; i++) {
      int w = weight == null ? 1 : weight[i];
      if (w == 0) continue;
      double t1 = a - alpha * logN[i];
      double t2 = theta[4 + arm[i]] - beta * logD[i];
      double m = Math.max(e, Math.max(t1, t2));
      double x1 = Math.exp(t1 - m), x2 = Math.exp(t2 - m), x3 = Math.exp(e - m);
      double s = x1 + x2 + x3;
      double r = m + Math.log(s) - logL[i];
      double ar = Math.abs(r);
      sum += w * (ar <= DELTA ? 0.5 * r * r : DELTA * (ar - 0.5 * DELTA));
      if (grad != null) {
        double h = w * (ar <= DELTA ? r : Math.copySign(DELTA, r)) / s;
        grad[0] += h * x3;
        grad[1] += h * x1;
        grad[2] -= h * x1 * logN[i];
        grad[3] -= h * x2 * logD[i];
        grad[4 + arm[i]] += h * x2;
      }
    }
    return sum;
  }

  int points() {
    return logN.length;
  }

  /**
   * The iteratively-reweighted least-squares step of the Huber loss: residuals and Jacobian rows scaled by the
   * square root of w_i = multiplicity * min(1, delta / |r_i|) with r_i taken at {@code at}. Minimising half their
   * sum of squares minimises a quadratic that majorises the Huber objective at {@code at}, so each step lowers it.
   */
  double[] weightsAt(double[] at) {
    double[] r = residuals(at);
    double[] w = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      int m = weight == null ? 1 : weight[i];
      w[i] = Math.sqrt(m * Math.min(1, DELTA / Math.max(Math.abs(r[i]), 1e-300)));
    }
    return w;
  }

  /** Scaled residuals (into {@code r}) and Jacobian (into {@code jac}, row per point) at {@code theta}. */
  void weightedResiduals(double[] theta, double[] sqrtW, double[] r, double[][] jac) {
    double e = theta[0], a = theta[1], alpha = theta[2], beta = theta[3];
    for (int i = 0; i < logN.length; i++) {
      double t1 = a - alpha * logN[i];
      double t2 = theta[4 + arm[i]] - beta * logD[i];
      double m = Math.max(e, Math.max(t1, t2));
      double x1 = Math.exp(t1 - m), x2 = Math.exp(t2 - m), x3 = Math.exp(e - m);
      double s = x1 + x2 + x3;
      double w = sqrtW[i];
      r[i] = w * (m + Math.log(s) - logL[i]);
      double[] row = jac[i];
      java.util.Arrays.fill(row, 0);
      row[0] = w * x3 / s;
      row[1] = w * x1 / s;
      row[2] = -w * x1 / s * logN[i];
      row[3] = -w * x2 / s * logD[i];
      row[4 + arm[i]] = w * x2 / s;
    }
  }

  /** Log residuals (predicted - observed log L) of every point. */
  double[] residuals(double[] theta) {
    double[] out = new double[logN.length];
    for (int i = 0; i < out.length; i++) {
      double t1 = theta[1] - theta[2] * logN[i];
      double t2 = theta[4 + arm[i]] - theta[3] * logD[i];
      double m = Math.max(theta[0], Math.max(t1, t2));
      out[i] = m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(theta[0] - m)) - logL[i];
    }
    return out;
  }
}
