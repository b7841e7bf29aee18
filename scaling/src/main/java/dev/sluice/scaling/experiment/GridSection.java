package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.scaling.experiment.Experiment.Grid;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiment file's {@code grid}: the compute budgets, how many model sizes train per budget around the
 * compute-optimal guess, the minimum steps of a point, and the training and noise seeds.
 */
final class GridSection {
  private GridSection() {}

  static Grid parse(Config g, long seed) {
    g.allowOnly(
        "budgets", "sizes_per_budget", "tokens_per_parameter", "min_steps", "seeds", "noise_seeds");
    List<String> raw = g.getStringList("budgets", null);
    if (raw == null || raw.isEmpty())
      throw new Config.ConfigException(
          "grid.budgets", null, "a list of compute budgets in FLOPs, e.g. [1e11, 3e11]");
    List<Double> budgets = new ArrayList<>();
    for (String b : raw) {
      double c;
      try {
        c = Double.parseDouble(b.trim());
      } catch (NumberFormatException ex) {
        throw new Config.ConfigException("grid.budgets", b, "numbers of FLOPs, e.g. 1e11");
      }
      if (!(c > 0) || Double.isInfinite(c))
        throw new Config.ConfigException("grid.budgets", b, "positive numbers of FLOPs");
      budgets.add(c);
    }
    if (budgets.stream().map(GridPlan::budget).distinct().count() != budgets.size())
      throw new Config.ConfigException(
          "grid.budgets",
          raw,
          "distinct budgets (to three significant digits: they name the points)");
    budgets.sort(Double::compare);
    return new Grid(
        List.copyOf(budgets),
        g.getInt("sizes_per_budget", 3, 1, 100),
        tokensPerParameter(g),
        g.getInt("min_steps", 20, 1, 1 << 30),
        longs(g, "seeds", List.of(seed)),
        longs(g, "noise_seeds", List.of()));
  }

  private static double tokensPerParameter(Config g) {
    double r = g.getDouble("tokens_per_parameter", 20);
    if (!(r > 0) || Double.isInfinite(r)) {
      throw new Config.ConfigException(g.path("tokens_per_parameter"), r, "a positive number");
    }
    return r;
  }

  /** A list of distinct integer seeds under {@code key} ({@code dflt} when absent). */
  static List<Long> longs(Config g, String key, List<Long> dflt) {
    List<String> raw = g.getStringList(key, null);
    if (raw == null) return dflt;
    List<Long> out = new ArrayList<>();
    for (String s : raw) {
      try {
        out.add(Long.parseLong(s.trim()));
      } catch (NumberFormatException ex) {
        throw new Config.ConfigException(g.path(key), s, "a list of integer seeds");
      }
    }
    if (out.stream().distinct().count() != out.size()) {
      throw new Config.ConfigException(g.path(key), raw, "distinct seeds");
    }
    if (out.isEmpty() && key.equals("seeds")) {
      throw new Config.ConfigException(g.path(key), raw, "at least one seed");
    }
    return List.copyOf(out);
  }
}
