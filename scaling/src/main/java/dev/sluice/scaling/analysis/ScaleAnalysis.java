package dev.sluice.scaling.analysis;

import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.FitException;
import dev.sluice.scaling.fit.FitSummary;
import dev.sluice.scaling.fit.LawFitter;
import dev.sluice.scaling.fit.Point;
import dev.sluice.scaling.fit.ScalingFits;
import dev.sluice.scaling.run.PointResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the finished points say, per evaluation set: the fits (joint and per arm, with intervals), the honesty
 * checks (predict the largest budget from the others; seed noise from repeated points), approach 2 as a
 * cross-check, and the plain-language verdict.
 */
public final class ScaleAnalysis {
  /** One evaluation set's conclusions; {@code fitError} says why there is no fit (then fit is null). */
  public record SetAnalysis(
      String evalSet,
      FitSummary fit,
      String fitError,
      Map<String, Double> heldOutBudgetError,
      String heldOutBudgetNote,
      Double seedNoise,
      int seedGroups,
      List<IsoFlop.Minimum> isoFlop,
      Map<String, Double> isoFlopExponent,
      List<String> verdict) {}

  private ScaleAnalysis() {}

  public static List<Point> points(List<PointResult> results, String evalSet) {
    List<Point> out = new ArrayList<>();
    for (PointResult r : results) {
      Double bpb = r.evalBpb().get(evalSet);
      if (bpb == null || !(bpb > 0)) continue;
      // C is the planned budget (the points of a budget differ from it by whole steps, under 2%),
      // so that the budgets group the points as the grid does
      out.add(new Point(r.arm(), r.fitN(), r.tokens(), bpb, r.seed(), r.budget()));
    }
    return out;
  }

  public static SetAnalysis analyse(
      List<PointResult> results, List<String> armOrder, String evalSet, int resamples, long seed) {
    return analyse(results, armOrder, Map.of(), evalSet, resamples, seed);
  }

  /** @param against arm -> the arm it is also compared with (a curriculum arm -> its random control) */
  public static SetAnalysis analyse(
      List<PointResult> results,
      List<String> armOrder,
      Map<String, String> against,
      String evalSet,
      int resamples,
      long seed) {
    List<Point> pts = new ArrayList<>(points(results, evalSet));
    pts.sort(java.util.Comparator.comparingInt(p -> armOrder.indexOf(p.arm())));
    FitSummary fit = null;
    String error = null;
    try {
      fit = ScalingFits.fit(pts, resamples, seed, against);
    } catch (FitException e) {
      error = e.getMessage();
    }
    Map<String, Double> heldOut = new LinkedHashMap<>();
    String note = heldOutBudget(pts, armOrder, heldOut);
    double[] noise = seedNoise(pts);
    List<IsoFlop.Minimum> minima = new ArrayList<>();
    Map<String, Double> exponents = new LinkedHashMap<>();
    for (String arm : armOrder) {
      List<IsoFlop.Minimum> mine = new ArrayList<>();
      for (double c : ScalingFits.budgets(pts)) {
        List<double[]> nl = new ArrayList<>();
        Map<Double, List<Double>> byN = new LinkedHashMap<>();
        for (Point p : pts) {
          if (p.arm().equals(arm) && Math.abs(p.c() / c - 1) < 0.01)
            byN.computeIfAbsent(p.n(), k -> new ArrayList<>()).add(p.loss());
        }
        byN.forEach(
            (n, l) ->
                nl.add(
                    new double[] {
                      n, l.stream().mapToDouble(Double::doubleValue).average().orElseThrow()
                    }));
        IsoFlop.Minimum m = IsoFlop.at(arm, c, nl);
        if (m != null) mine.add(m);
      }
      minima.addAll(mine);
      exponents.put(arm, IsoFlop.exponent(mine));
    }
    return new SetAnalysis(
        evalSet,
        fit,
        error,
        heldOut,
        note,
        noise[0] >= 0 ? noise[0] : null,
        (int) noise[1],
        minima,
        exponents,
        verdict(fit, error, pts, results, evalSet));
  }

  private static List<String> verdict(
      FitSummary fit, String error, List<Point> pts, List<PointResult> results, String evalSet) {
    List<String> out =
        new ArrayList<>(fit == null ? List.of("No fit: " + error) : Verdict.of(fit, pts));
    List<String> lost =
        results.stream()
            .filter(
                r -> {
                  Double v = r.evalBpb().get(evalSet);
                  return v == null || !(v > 0);
                })
            .map(PointResult::id)
            .toList();
    if (!lost.isEmpty()) {
      out.add(
          lost.size()
              + " point(s) have no finite loss on the "
              + evalSet
              + " set and are left out of the fit: "
              + String.join(", ", lost));
    }
    return out;
  }

  /** Fit the joint model without the largest budget and predict its points: mean |predicted / observed - 1| per arm. */
  static String heldOutBudget(List<Point> pts, List<String> arms, Map<String, Double> out) {
    List<Double> budgets = ScalingFits.budgets(pts);
    if (budgets.size() < 3) return "needs three budgets or more (two to fit, one to predict)";
    double top = budgets.get(budgets.size() - 1);
    List<Point> train = pts.stream().filter(p -> p.c() < top * 0.99).toList();
    List<String> present =
        arms.stream().filter(a -> train.stream().anyMatch(p -> p.arm().equals(a))).toList();
    LawFitter.Joint j;
    try {
      j = LawFitter.fitJoint(train, present);
    } catch (FitException e) {
      return "the smaller budgets alone cannot be fitted: " + e.getMessage();
    }
    for (String arm : present) {
      double sum = 0;
      int n = 0;
      for (Point p : pts) {
        if (!p.arm().equals(arm) || p.c() < top * 0.99) continue;
        sum += Math.abs(j.law(arm).loss(p.n(), p.d()) / p.loss() - 1);
        n++;
      }
      if (n > 0) out.put(arm, sum / n);
    }
    return String.format(
        Locale.ROOT,
        "joint model fitted on the budgets below %.3g FLOPs, predicting the points at it",
        top);
  }

  /** Pooled relative standard deviation of the loss over points repeated with other seeds, and the group count. */
  static double[] seedNoise(List<Point> pts) {
    Map<String, List<Double>> groups = new LinkedHashMap<>();
    for (Point p : pts)
      groups
          .computeIfAbsent(p.arm() + "|" + p.n() + "|" + p.d(), k -> new ArrayList<>())
          .add(p.loss());
    double ss = 0;
    int dof = 0, count = 0;
    for (List<Double> g : groups.values()) {
      if (g.size() < 2) continue;
      double mean = g.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      for (double l : g) ss += (l / mean - 1) * (l / mean - 1);
      dof += g.size() - 1;
      count++;
    }
    return dof == 0 ? new double[] {-1, 0} : new double[] {Math.sqrt(ss / dof), count};
  }

  /** Whether an interval shows a step helps (its low end above 1). */
  public static boolean shown(Estimate m) {
    return m.ciLow() != null && m.ciLow() > 1;
  }
}
