package dev.sluice.scaling.experiment;

import dev.sluice.core.model.ModelShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The grid of an experiment: for every arm, budget and seed, the model sizes nearest a guess of the compute-optimal
 * size (D = r N with r = grid.tokens_per_parameter, Chinchilla's 20 by default, so N = sqrt(C / 6r) with N counted
 * as FLOPs per token / 6), each trained for
 * D = C / (FLOPs per token) tokens, rounded to whole optimiser steps. The extra noise seeds repeat the smallest
 * budget's points. Points are ordered budget by budget (cheap ones first), so a partial grid is already fittable.
 */
public final class GridPlan {
  /**
   * One training run of the grid.
   *
   * @param id stable name, {@code arm/size/C<budget>/s<seed>}, what {@code --force} takes
   * @param steps optimiser steps; tokens = steps x batch x context
   * @param flopsPerToken training FLOPs per token of the size (result.json's formula)
   */
  public record PlannedPoint(
      String id,
      Experiment.Arm arm,
      Experiment.Size size,
      double budget,
      long seed,
      long steps,
      double flopsPerToken,
      long params,
      int context) {
    public long tokens() {
      return steps * size.batchSize() * (long) context;
    }

    public double flops() {
      return flopsPerToken * tokens();
    }

    /** N as the fit sees it: FLOPs per token / 6, so that C = 6 N D holds exactly. */
    public double fitN() {
      return flopsPerToken / 6;
    }
  }

  /** A (size, budget) pair left out, and why. */
  public record Skipped(String size, double budget, String reason) {}

  public record Plan(List<PlannedPoint> points, List<Skipped> skipped) {}

  private GridPlan() {}

  public static Plan of(Experiment x) {
    List<PlannedPoint> points = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Experiment.ModelFamily fam = x.model();
    for (double c : x.grid().budgets()) {
      double nOpt = Math.sqrt(c / (6 * x.grid().tokensPerParameter()));
      List<Experiment.Size> near = new ArrayList<>(fam.sizes());
      near.sort(
          Comparator.comparingDouble(s -> Math.abs(Math.log(flopsPerToken(s, fam) / 6 / nOpt))));
      List<Experiment.Size> chosen = new ArrayList<>();
      for (Experiment.Size s : near) {
        if (chosen.size() == x.grid().sizesPerBudget()) break;
        long steps = Math.round(c / (flopsPerToken(s, fam) * s.batchSize() * fam.context()));
        if (steps < x.grid().minSteps()) {
          skipped.add(
              new Skipped(
                  s.name(), c, steps + " steps, under grid.min_steps " + x.grid().minSteps()));
          continue;
        }
        chosen.add(s);
      }
      chosen.sort(Comparator.comparingDouble(s -> flopsPerToken(s, fam)));
      List<Long> seeds = new ArrayList<>(x.grid().seeds());
      if (c == x.grid().budgets().get(0))
        x.grid().noiseSeeds().stream().filter(s -> !seeds.contains(s)).forEach(seeds::add);
      for (Experiment.Arm arm : x.arms()) {
        for (Experiment.Size s : chosen) {
          for (long seed : seeds) {
            double fpt = flopsPerToken(s, fam);
            long steps = Math.round(c / (fpt * s.batchSize() * fam.context()));
            points.add(
                new PlannedPoint(
                    id(arm.name(), s.name(), c, seed),
                    arm,
                    s,
                    c,
                    seed,
                    steps,
                    fpt,
                    shape(s, fam).parameters(),
                    fam.context()));
          }
        }
      }
    }
    return new Plan(points, skipped);
  }

  public static String id(String arm, String size, double budget, long seed) {
    return arm + "/" + size + "/C" + budget(budget) + "/s" + seed;
  }

  /** A budget as a short, file-safe string: 3e+11 -> 3e11, 1.5e12 -> 1.5e12. */
  public static String budget(double c) {
    String s = String.format(Locale.ROOT, "%.3g", c).replace("e+", "e");
    return s.replaceFirst("\\.?0+e", "e").replaceFirst("e(-?)0(\\d)", "e$1$2");
  }

  static ModelShape shape(Experiment.Size s, Experiment.ModelFamily fam) {
    return new ModelShape(s.layers(), s.dModel(), fam.context(), fam.mlpRatio());
  }

  public static double flopsPerToken(Experiment.Size s, Experiment.ModelFamily fam) {
    return shape(s, fam).trainingFlopsPerToken();
  }
}
