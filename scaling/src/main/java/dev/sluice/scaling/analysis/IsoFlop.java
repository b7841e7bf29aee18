package dev.sluice.scaling.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Chinchilla's approach 2, as a cross-check only: at each budget, a parabola of loss against ln N through the
 * sizes trained at it; its minimum is that budget's N_opt. Needs three sizes or more at a budget, and a parabola
 * that opens upwards whose minimum lies within half a unit of ln N (a factor of about 1.65) of the sizes tried;
 * otherwise the budget's minimum is not reported.
 */
public final class IsoFlop {
  /** A budget's minimum: N_opt and the loss there. */
  public record Minimum(String arm, double budget, double nOpt, double loss) {}

  private IsoFlop() {}

  /** Least-squares parabola y = a x^2 + b x + c through (x, y); null with fewer than three distinct x. */
  static double[] parabola(double[] x, double[] y) {
    if (java.util.Arrays.stream(x).distinct().count() < 3) return null;
    double[][] m = new double[3][4];
    for (int i = 0; i < x.length; i++) {
      double[] row = {x[i] * x[i], x[i], 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
        m[r][3] += row[r] * y[i];
      }
    }
    for (int col = 0; col < 3; col++) {
      int piv = col;
      for (int r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
      double[] t = m[col];
      m[col] = m[piv];
      m[piv] = t;
      if (Math.abs(m[col][col]) < 1e-300) return null;
      for (int r = 0; r < 3; r++) {
        if (r == col) continue;
        double f = m[r][col] / m[col][col];
        for (int c = col; c < 4; c++) m[r][c] -= f * m[col][c];
      }
    }
    return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  }

  /** The minimum at one budget, from (N, loss) pairs; null when it cannot be located near the sizes. */
  public static Minimum at(String arm, double budget, List<double[]> nLoss) {
    double[] x = nLoss.stream().mapToDouble(p -> Math.log(p[0])).toArray();
    double[] y = nLoss.stream().mapToDouble(p -> p[1]).toArray();
    double[] abc = parabola(x, y);
    if (abc == null || !(abc[0] > 0)) return null;
    double xm = -abc[1] / (2 * abc[0]);
    double lo = java.util.Arrays.stream(x).min().orElseThrow(),
        hi = java.util.Arrays.stream(x).max().orElseThrow();
    if (xm < lo - 0.5 || xm > hi + 0.5) return null;
    return new Minimum(arm, budget, Math.exp(xm), abc[0] * xm * xm + abc[1] * xm + abc[2]);
  }

  /** The exponent a of N_opt proportional to C^a, by least squares on the budgets' minima (NaN with fewer than 2). */
  public static double exponent(List<Minimum> minima) {
    if (minima.size() < 2) return Double.NaN;
    List<double[]> xy = new ArrayList<>();
    for (Minimum m : minima) xy.add(new double[] {Math.log(m.budget()), Math.log(m.nOpt())});
    double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0, sxx = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
