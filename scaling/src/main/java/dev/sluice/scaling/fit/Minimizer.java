package dev.sluice.scaling.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Minimises a {@link HuberObjective} from several starting points and keeps the best, as Chinchilla and Epoch's
 * refit do (they use L-BFGS from a grid). Each local minimisation is iteratively reweighted least squares: the
 * Huber loss is majorised by a weighted sum of squares at the current point, which Hipparchus'
 * Levenberg-Marquardt minimises; repeated until the objective stops falling. (Plain gradient methods stall on
 * this objective: with delta = 1e-3 most residuals sit in the Huber loss's linear part, an L1-like surface.)
 *
 * <p>The grid is Epoch's: e in {-1, -0.5, ..., 1}, a and b in {0, 5, ..., 25}, alpha and beta in {0, 0.5, ...,
 * 2}; every grid point is scored (cheap) and the optimiser runs from the best few.
 */
final class Minimizer {
  static final int MAX_REWEIGHTS = 200;

  record Solution(double[] theta, double objective) {}

  private Minimizer() {}

  /** The grid of starting points for {@code arms} arms (every arm's b starts at the same grid value). */
  static List<double[]> grid(int arms) {
    List<double[]> out = new ArrayList<>();
    for (double e = -1; e <= 1.0001; e += 0.5)
      for (double a = 0; a <= 25; a += 5)
        for (double b = 0; b <= 25; b += 5)
          for (double alpha = 0; alpha <= 2.0001; alpha += 0.5)
            for (double beta = 0; beta <= 2.0001; beta += 0.5) {
              double[] t = new double[4 + arms];
              t[0] = e;
              t[1] = a;
              t[2] = alpha;
              t[3] = beta;
              Arrays.fill(t, 4, t.length, b);
              out.add(t);
            }
    return out;
  }

  /** Scores every start, runs the optimiser from the {@code keep} best, returns the best solution found. */
  static Solution fromBest(HuberObjective f, List<double[]> starts, int keep) {
    Solution best = null;
    for (double[] start : best(f, starts, keep)) {
      Solution s = from(f, start);
      if (best == null || s.objective() < best.objective()) best = s;
    }
    return best;
  }

  /** The {@code keep} starts with the lowest objective, best first (ties in the given order). */
  static List<double[]> best(HuberObjective f, List<double[]> starts, int keep) {
    double[] score = new double[starts.size()];
    for (int i = 0; i < score.length; i++) score[i] = f.evaluate(starts.get(i), null);
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < Math.min(keep, order.length); k++) out.add(starts.get(order[k]));
    return out;
  }

  /**
   * Keeps the exponents alpha and beta in [0, 10]: a negative exponent would make loss grow with size or data, a
   * law no data-scaling question can use (the points then say N or D does not matter: alpha or beta at 0).
   */
  static org.hipparchus.linear.RealVector validExponents(org.hipparchus.linear.RealVector t) {
    org.hipparchus.linear.RealVector v = t.copy();
    for (int i = 2; i <= 3; i++) v.setEntry(i, Math.max(0, Math.min(10, v.getEntry(i))));
    for (int i = 0; i < v.getDimension(); i++) {
      if (i != 2 && i != 3) v.setEntry(i, Math.max(-50, Math.min(50, v.getEntry(i))));
    }
    return v;
  }

  /** One local minimisation from {@code start} (iteratively reweighted Levenberg-Marquardt). */
  static Solution from(HuberObjective f, double[] start) {
    double[] theta = start.clone();
    double value = f.evaluate(theta, null);
    int n = f.points();
    int p = f.parameters();
    LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer();
    for (int it = 0; it < MAX_REWEIGHTS; it++) {
      double[] sqrtW = f.weightsAt(theta);
      LeastSquaresOptimizer.Optimum o;
      try {
        o =
            lm.optimize(
                new LeastSquaresBuilder()
                    .start(theta)
                    .target(new double[n])
                    .model(
                        point -> {
                          double[] r = new double[n];
                          double[][] jac = new double[n][p];
                          f.weightedResiduals(point.toArray(), sqrtW, r, jac);
                          return new Pair<>(
                              new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
                        })
                    .parameterValidator(Minimizer::validExponents)
                    .maxEvaluations(10_000)
                    .maxIterations(1_000)
                    .build());
      } catch (MathIllegalStateException notConverged) {
        break;
      }
      double[] next = o.getPoint().toArray();
      double v = f.evaluate(next, null);
      if (!(v < value)) break;
      boolean done = value - v <= 1e-10 * value;
      theta = next;
      value = v;
      if (done) break;
    }
    return new Solution(theta, value);
  }
}
