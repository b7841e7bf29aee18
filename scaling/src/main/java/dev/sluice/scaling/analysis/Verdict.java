package dev.sluice.scaling.analysis;

import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.FitSummary;
import dev.sluice.scaling.fit.Point;
import dev.sluice.scaling.fit.ScalingFits;
import dev.sluice.scaling.fit.ScalingLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-language answer at the top of the report: at the largest budget, which arm to spend it on, what each
 * step is worth in compute (with its interval), which steps are not shown to help, and how to split the budget
 * between model size and tokens.
 */
final class Verdict {
  private Verdict() {}

  static List<String> of(FitSummary fit, List<Point> pts) {
    List<String> out = new ArrayList<>();
    List<Double> budgets = ScalingFits.budgets(pts);
    double c = budgets.get(budgets.size() - 1);
    String best = fit.reference();
    double bestValue = 1;
    Map<String, Estimate> multipliers = fit.multipliers();
    if (fit.selection().preferred().equals("free") && !fit.perBudget().isEmpty()) {
      // the arms' exponents differ: the joint model's single multiplier is not the one to read
      multipliers = new java.util.LinkedHashMap<>();
      multipliers.put(fit.reference(), new Estimate(1, 1.0, 1.0));
      for (FitSummary.BudgetMultiplier b : fit.perBudget()) {
        if (Math.abs(b.budget() / c - 1) < 0.01) multipliers.put(b.arm(), b.multiplier());
      }
      out.add(
          String.format(
              Locale.ROOT,
              "The arms scale differently (AICc prefers a law per arm), so these multipliers are at %.3g"
                  + " FLOPs, from the per-arm laws.",
              c));
    }
    for (FitSummary.Comparison cmp : fit.comparisons()) {
      Estimate m = cmp.multiplier();
      if (Double.isNaN(m.value())) continue;
      out.add(
          String.format(
              Locale.ROOT,
              "%s against %s%s: %s (95%% CI %s), %s.",
              cmp.arm(),
              cmp.against(),
              cmp.against().equals(cmp.arm() + "-random")
                  ? ", its control (same data and pacing, random order)"
                  : "",
              times(m.value()),
              interval(m),
              ScaleAnalysis.shown(m)
                  ? "it helps"
                  : m.ciHigh() != null && m.ciHigh() < 1
                      ? "it hurts"
                      : "it is not shown to matter"));
    }
    for (Map.Entry<String, Estimate> e : multipliers.entrySet()) {
      if (e.getKey().equals(fit.reference())) continue;
      Estimate m = e.getValue();
      // NaN: no multiplier (no signal, a parameter at an edge); +infinity: the reference's law
      // never
      // reaches the loss this arm reaches, at any compute, which is the largest multiplier there is
      if (Double.isNaN(m.value())) continue;
      if (ScaleAnalysis.shown(m)) {
        out.add(
            Double.isInfinite(m.value())
                ? String.format(
                    Locale.ROOT,
                    "%s reaches a loss %s's law never reaches at any compute (95%% CI %s): its "
                        + "multiplier is unbounded.",
                    e.getKey(),
                    fit.reference(),
                    interval(m))
                : String.format(
                    Locale.ROOT,
                    "%s is worth %s the compute of %s (95%% CI %s): the same loss "
                        + "as %s trained with %s more compute.",
                    e.getKey(),
                    times(m.value()),
                    fit.reference(),
                    interval(m),
                    fit.reference(),
                    times(m.value())));
        if (m.value() > bestValue) {
          bestValue = m.value();
          best = e.getKey();
        }
      } else if (m.ciHigh() != null && m.ciHigh() < 1) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s hurts: %s the compute of %s (95%% CI %s).",
                e.getKey(),
                times(m.value()),
                fit.reference(),
                interval(m)));
      } else {
        out.add(
            String.format(
                Locale.ROOT,
                "%s is not shown to help: %s (95%% CI %s), the interval includes 1.",
                e.getKey(),
                times(m.value()),
                interval(m)));
      }
    }
    ScalingLaw law = fit.arms().get(best).law();
    double minN = pts.stream().mapToDouble(Point::n).min().orElse(1);
    double maxN = pts.stream().mapToDouble(Point::n).max().orElse(1);
    double nOpt = law.optimalN(c);
    String split =
        !(nOpt >= minN / 10 && nOpt <= maxN * 10)
            ? " (the fit does not place the compute-optimal model size within 10x of the sizes trained: "
                + "read the IsoFLOP curves)"
            : String.format(
                Locale.ROOT,
                " with about %.3g parameters (N as FLOPs per token / 6) on %.3g tokens",
                nOpt,
                law.optimalD(c));
    out.add(
        0,
        String.format(
            Locale.ROOT,
            "At budget %.3g FLOPs, spend it on %s%s.",
            c,
            best.equals(fit.reference()) && fit.multipliers().size() > 1
                ? best + " (no curation step is shown to beat it)"
                : best,
            split));
    if (!fit.warnings().isEmpty())
      out.add("Read with care: " + String.join("; ", fit.warnings()) + ".");
    return out;
  }

  /** A multiplier as text: "2.10x", or "unbounded" where the reference never reaches the loss. */
  static String times(double m) {
    return Double.isInfinite(m) ? "unbounded" : String.format(Locale.ROOT, "%.2fx", m);
  }

  /** An interval as text, "1.50-3.20x", "1.50x-unbounded", or "n/a" without resamples. */
  static String interval(Estimate m) {
    if (m.ciLow() == null) return "n/a";
    String hi = times(m.ciHigh());
    return Double.isInfinite(m.ciLow()) || Double.isInfinite(m.ciHigh())
        ? times(m.ciLow()) + " to " + hi
        : String.format(Locale.ROOT, "%.2f-%s", m.ciLow(), hi);
  }
}
