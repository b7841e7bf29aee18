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
              "The arms scale differently (AIC prefers a law per arm), so these multipliers are at %.3g"
                  + " FLOPs, from the per-arm laws.",
              c));
    }
    for (FitSummary.Comparison cmp : fit.comparisons()) {
      Estimate m = cmp.multiplier();
      if (!Double.isFinite(m.value())) continue;
      out.add(
          String.format(
              Locale.ROOT,
              "%s against %s%s: %.2fx (95%% CI %s), %s.",
              cmp.arm(),
              cmp.against(),
              cmp.against().equals(cmp.arm() + "-random")
                  ? ", its control (same data and pacing, random order)"
                  : "",
              m.value(),
              m.ciLow() == null
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.2f-%.2fx", m.ciLow(), m.ciHigh()),
              ScaleAnalysis.shown(m)
                  ? "it helps"
                  : m.ciHigh() != null && m.ciHigh() < 1
                      ? "it hurts"
                      : "it is not shown to matter"));
    }
    for (Map.Entry<String, Estimate> e : multipliers.entrySet()) {
      if (e.getKey().equals(fit.reference())) continue;
      Estimate m = e.getValue();
      if (!Double.isFinite(m.value())) continue;
      if (ScaleAnalysis.shown(m)) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s is worth %.2fx the compute of %s (95%% CI %.2f-%.2fx): the same loss "
                    + "as %s trained with %.2fx more compute.",
                e.getKey(),
                m.value(),
                fit.reference(),
                m.ciLow(),
                m.ciHigh(),
                fit.reference(),
                m.value()));
        if (m.value() > bestValue) {
          bestValue = m.value();
          best = e.getKey();
        }
      } else if (m.ciHigh() != null && m.ciHigh() < 1) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s hurts: %.2fx the compute of %s (95%% CI %.2f-%.2fx).",
                e.getKey(),
                m.value(),
                fit.reference(),
                m.ciLow(),
                m.ciHigh()));
      } else {
        out.add(
            String.format(
                Locale.ROOT,
                "%s is not shown to help: %.2fx (95%% CI %s), the interval includes 1.",
                e.getKey(),
                m.value(),
                m.ciLow() == null
                    ? "n/a"
                    : String.format(Locale.ROOT, "%.2f-%.2fx", m.ciLow(), m.ciHigh())));
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
}
