package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The grid of an image experiment: every arm × width × data fraction × seed is one {@code sluice train} run,
 * ordered fraction by fraction (the cheap ones first, so a partial grid already has curves), and the parsing of
 * the file's {@code arms} and {@code grid}.
 */
public final class ImageGrid {
  /**
   * One training run.
   *
   * @param id stable name, {@code arm/w<width>/f<fraction>/s<seed>}, what {@code --force} takes
   */
  public record Point(String id, ImageExperiment.Arm arm, int width, double fraction, long seed) {}

  private ImageGrid() {}

  public static List<Point> of(ImageExperiment x) {
    List<Point> out = new ArrayList<>();
    for (double f : x.fractions())
      for (int w : x.widths())
        for (ImageExperiment.Arm a : x.arms())
          for (long s : x.seeds()) out.add(new Point(id(a.name(), w, f, s), a, w, f, s));
    return out;
  }

  public static String id(String arm, int width, double fraction, long seed) {
    return arm + "/w" + width + "/f" + fraction(fraction) + "/s" + seed;
  }

  /** A fraction as a short, exact, file-safe string: 0.0625 -> 0.0625, 1.0 -> 1. */
  public static String fraction(double f) {
    return new java.math.BigDecimal(Double.toString(f)).stripTrailingZeros().toPlainString();
  }

  /** The --set overrides of a point (besides the experiment's own {@code set}). */
  public static List<String> overrides(Point p, java.nio.file.Path eval) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "seed=" + p.seed(),
                "model.width=" + p.width(),
                "data.fraction=" + fraction(p.fraction())));
    out.addAll(p.arm().overrides());
    if (eval != null) out.add("eval.data=" + eval);
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<ImageExperiment.Arm> arms(Object raw) {
    if (!(raw instanceof List<?> list) || list.isEmpty())
      throw new Config.ConfigException(
          "arms", raw, "a list of {name, policy: none | randaugment | trivialaugment[, n, m]}");
    List<ImageExperiment.Arm> out = new ArrayList<>();
    HashSet<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m))
        throw new Config.ConfigException("arms[" + i + "]", list.get(i), "{name, policy[, n, m]}");
      Config a =
          Config.of("arms[" + i + "]", (Map<String, Object>) m)
              .allowOnly("name", "policy", "n", "m");
      String policy = a.getChoice("policy", null, "none", "randaugment", "trivialaugment");
      String name = a.getString("name", policy);
      ImageExperiment.checkName(a.path("name"), name, names);
      boolean ra = policy.equals("randaugment");
      for (String k : List.of("n", "m")) {
        if (a.has(k) && !ra)
          throw new Config.ConfigException(
              a.path(k),
              a.getString(k, null),
              "nothing: " + k + " is RandAugment's (policy " + policy + ")");
      }
      out.add(
          new ImageExperiment.Arm(
              name,
              policy,
              ra ? a.getInt("n", 2, 1, 16) : null,
              ra ? a.getInt("m", 9, 0, 30) : null));
    }
    long controls = out.stream().filter(x -> x.policy().equals("none")).count();
    if (controls != 1)
      throw new Config.ConfigException(
          "arms",
          controls + " arms with policy none",
          "exactly one arm with policy none: the control every augmentation is measured against");
    if (out.size() < 2)
      throw new Config.ConfigException(
          "arms", out.get(0).name(), "the control and at least one augmentation arm");
    return List.copyOf(out);
  }

  static List<Double> fractions(Config g) {
    List<String> raw = g.getStringList("fractions", null);
    if (raw == null || raw.size() < 2)
      throw new Config.ConfigException(
          "grid.fractions", raw, "two data fractions or more in (0, 1], e.g. [1/16, 1/4, 1]");
    List<Double> out = new ArrayList<>();
    for (String s : raw) {
      double v;
      try {
        String[] p = s.trim().split("/");
        v =
            p.length == 2
                ? Double.parseDouble(p[0]) / Double.parseDouble(p[1])
                : Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v > 0 && v <= 1))
        throw new Config.ConfigException(
            "grid.fractions", s, "fractions in (0, 1], e.g. 0.0625 or 1/16");
      out.add(v);
    }
    if (out.stream().map(ImageGrid::fraction).distinct().count() != out.size())
      throw new Config.ConfigException("grid.fractions", raw, "distinct fractions");
    out.sort(Double::compare);
    return List.copyOf(out);
  }

  static List<Integer> widths(Config g) {
    List<String> raw = g.getStringList("widths", null);
    if (raw == null || raw.isEmpty())
      throw new Config.ConfigException(
          "grid.widths", raw, "a list of model widths, e.g. [8, 16, 32]");
    List<Integer> out = new ArrayList<>();
    for (String s : raw) {
      int v;
      try {
        v = Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        v = 0;
      }
      if (v < 1 || v > 4096)
        throw new Config.ConfigException("grid.widths", s, "whole widths in [1, 4096]");
      out.add(v);
    }
    if (out.stream().distinct().count() != out.size())
      throw new Config.ConfigException("grid.widths", raw, "distinct widths");
    out.sort(Integer::compare);
    return List.copyOf(out);
  }

  static List<Long> seeds(Config g, long seed) {
    return GridSection.longs(g, "seeds", List.of(seed));
  }
}
