package dev.sluice.scaling.fit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Which parameters of a fit the points do not identify, so that none of them gets an interval that looks like an
 * estimate. A parameter the optimiser pushed to the edge of its search box (log E, log A and log B in [-50, 50],
 * alpha and beta in [0, 10], {@code Minimizer.validExponents}) is the box's value, not the data's; and it takes
 * its partners with it: with alpha at an edge A/N^alpha is a constant (alpha 0) or nothing (alpha 10), so A is
 * not identified either, and with A at an edge alpha is not (the term is 0 or dominates); the same for beta and
 * every B; an exponent at 0 makes its term a constant that E cannot be told apart from.
 */
final class FitEdges {
  private FitEdges() {}

  /** The names ("E", "A", "alpha", "beta", "B[arm]") of the parameters these points do not identify. */
  static List<String> unidentified(LawFitter.Joint j) {
    double[] t = j.theta();
    Set<String> out = new LinkedHashSet<>();
    List<String> bs = new ArrayList<>();
    for (String arm : j.arms()) bs.add("B[" + arm + "]");
    if (atEdge(t, 0)) out.add("E");
    if (atEdge(t, 1) || atEdge(t, 2)) {
      out.add("A");
      out.add("alpha");
      if (t[2] <= 1e-6) out.add("E");
    }
    boolean allB = true;
    for (int k = 0; k < bs.size(); k++) {
      if (atEdge(t, 4 + k)) out.add(bs.get(k));
      else allB = false;
    }
    if (atEdge(t, 3) || allB) {
      out.add("beta");
      out.addAll(bs);
      if (t[3] <= 1e-6) out.add("E");
    }
    // in the order of the parameters
    List<String> order = new ArrayList<>(List.of("E", "A", "alpha", "beta"));
    order.addAll(bs);
    return order.stream().filter(out::contains).toList();
  }

  /** Whether parameter {@code i} of theta sits at a limit of its search range. */
  static boolean atEdge(double[] t, int i) {
    boolean exponent = i == 2 || i == 3;
    double lo = exponent ? 0 : -50, hi = exponent ? 10 : 50;
    return t[i] <= lo + 1e-6 || t[i] >= hi - 1e-6;
  }

  /** The value with its interval over the resamples, or with none when {@code name} is not identified. */
  static Estimate bounded(
      List<String> unidentified,
      String name,
      double value,
      List<LawFitter.Joint> boot,
      ToDoubleFunction<LawFitter.Joint> f) {
    if (unidentified.contains(name)) return new Estimate(value, null, null);
    return Estimate.of(value, boot.stream().mapToDouble(f).toArray());
  }
}
