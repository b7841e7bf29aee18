package dev.sluice.scaling.analysis;

import dev.sluice.scaling.fit.CurveFit;
import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.PowerCurve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an image experiment's finished runs say: per augmentation arm and width, test error against training
 * images fitted as err(n) = E + A·n^(−alpha) ({@link CurveFit}); each augmentation's data multiplier against the
 * control at every measured n ({@link DataMultiplier}); augmentation at width w against the control at the next
 * wider width; and the verdict in plain words, every number with its interval.
 */
public final class ImageAnalysis {
  /** One finished run as the analysis sees it: n = its training images, its test error. */
  public record Run(
      String arm, int width, double fraction, long seed, double n, double error, long params) {}

  /**
   * One (arm, width) curve: the power law with intervals (E, A, alpha; null when degenerate), how its interval
   * was made, and the measured mean error per n.
   */
  public record Curve(
      String arm,
      int width,
      int points,
      String method,
      Estimate e,
      Estimate a,
      Estimate alpha,
      String ci,
      String note,
      List<double[]> measured) {}

  public record Multipliers(String arm, int width, List<DataMultiplier.AtN> atN) {}

  /**
   * Augmentation at {@code width} against the control at {@code wider}: gain = err_none(wider, n) − err_aug(width,
   * n), positive when augmentation wins; {@code paramsRatio} what the wider model costs in parameters.
   */
  public record VsWider(
      String arm,
      int width,
      int wider,
      double n,
      Estimate gain,
      double augError,
      double widerError,
      double paramsRatio) {}

  public record Result(
      String control,
      List<Curve> curves,
      List<Multipliers> multipliers,
      List<VsWider> wider,
      List<String> verdict) {}

  private ImageAnalysis() {}

  /**
   * @param labels arm -> its name in sentences ("RandAugment")
   */
  public static Result analyse(
      List<Run> all, String control, Map<String, String> labels, int resamples, long seed) {
    return analyse(all, control, labels, resamples, seed, "test error");
  }

  /**
   * @param errorName what the runs' error is, in sentences: "test error", or "validation error" when the runs
   *     were scored on the trainer's validation split
   */
  public static Result analyse(
      List<Run> all,
      String control,
      Map<String, String> labels,
      int resamples,
      long seed,
      String errorName) {
    // an error of 0 or 1 (every evaluation image right, or none) has no logarithm: left out, and
    // said
    List<Run> runs = all.stream().filter(r -> r.error() > 0 && r.error() < 1).toList();
    List<String> lost =
        all.stream()
            .filter(r -> !(r.error() > 0 && r.error() < 1))
            .map(r -> r.arm() + "/w" + r.width() + "/f" + r.fraction() + "/s" + r.seed())
            .toList();
    Map<String, CurveFit.Result> fits = new LinkedHashMap<>();
    Map<String, TreeMap<Double, List<Run>>> cells = new LinkedHashMap<>();
    List<Curve> curves = new ArrayList<>();
    TreeSet<Integer> widths = new TreeSet<>();
    List<String> arms = new ArrayList<>();
    for (Run r : runs) {
      widths.add(r.width());
      if (!arms.contains(r.arm())) arms.add(r.arm());
      cells
          .computeIfAbsent(key(r.arm(), r.width()), k -> new TreeMap<>())
          .computeIfAbsent(r.fraction(), k -> new ArrayList<>())
          .add(r);
    }
    arms.remove(control);
    arms.add(0, control);
    for (Map.Entry<String, TreeMap<Double, List<Run>>> c : cells.entrySet()) {
      List<CurveFit.Sample> s = new ArrayList<>();
      c.getValue()
          .values()
          .forEach(l -> l.forEach(r -> s.add(new CurveFit.Sample(r.n(), r.error(), r.seed()))));
      CurveFit.Result f =
          CurveFit.fit(s, resamples, seed ^ (0x9E3779B97F4A7C15L * c.getKey().hashCode()));
      fits.put(c.getKey(), f);
      Run any = c.getValue().firstEntry().getValue().get(0);
      curves.add(curve(any.arm(), any.width(), s.size(), f, c.getValue()));
    }
    List<Multipliers> mult = new ArrayList<>();
    List<VsWider> wider = new ArrayList<>();
    List<String> verdict = new ArrayList<>();
    for (String arm : arms.subList(1, arms.size())) {
      String label = labels.getOrDefault(arm, arm);
      for (int w : widths) {
        CurveFit.Result aug = fits.get(key(arm, w)), none = fits.get(key(control, w));
        if (aug == null || none == null) continue;
        double[] range = range(cells.get(key(control, w)));
        List<DataMultiplier.AtN> at = new ArrayList<>();
        for (List<Run> cell : cells.get(key(arm, w)).values()) {
          double n = cell.stream().mapToDouble(Run::n).average().orElseThrow();
          at.add(
              DataMultiplier.at(
                  n,
                  none.curve(),
                  none.resamples(),
                  aug.curve(),
                  aug.resamples(),
                  range[0],
                  range[1]));
        }
        mult.add(new Multipliers(arm, w, at));
        Integer w2 = widths.higher(w);
        CurveFit.Result wideNone = w2 == null ? null : fits.get(key(control, w2));
        if (wideNone != null) {
          double n = at.get(at.size() - 1).n();
          wider.add(
              vsWider(
                  arm, w, w2, n, aug, wideNone, params(runs, control, w2) / params(runs, arm, w)));
        }
      }
    }
    for (String arm : arms.subList(1, arms.size())) {
      String label = labels.getOrDefault(arm, arm);
      Multipliers top = null;
      for (Multipliers m : mult) if (m.arm().equals(arm)) top = m; // the widest width last
      if (top == null) continue;
      verdict.add(
          ImageVerdict.headline(label, labels.getOrDefault(control, control), top, errorName));
    }
    if (mult.isEmpty())
      verdict.add(
          "No multiplier yet: it needs finished runs of the control and of an augmentation arm at the"
              + " same width.");
    for (VsWider v : wider)
      verdict.add(
          ImageVerdict.wider(
              labels.getOrDefault(v.arm(), v.arm()),
              labels.getOrDefault(control, control),
              v,
              errorName));
    for (Curve c : curves) {
      if (c.note() != null)
        verdict.add("The curve of " + c.arm() + " at width " + c.width() + ": " + c.note() + ".");
    }
    verdict.add(ImageVerdict.intervals(curves));
    if (!lost.isEmpty())
      verdict.add(
          lost.size()
              + " run(s) have an error of 0 or 1 and are left out of the fits: "
              + String.join(", ", lost));
    return new Result(control, curves, mult, wider, verdict);
  }

  static VsWider vsWider(
      String arm,
      int w,
      int w2,
      double n,
      CurveFit.Result aug,
      CurveFit.Result wide,
      double paramsRatio) {
    int k = Math.min(aug.resamples().size(), wide.resamples().size());
    double[] g = new double[k];
    for (int i = 0; i < k; i++)
      g[i] = wide.resamples().get(i).error(n) - aug.resamples().get(i).error(n);
    double augErr = aug.curve().error(n), wideErr = wide.curve().error(n);
    return new VsWider(
        arm, w, w2, n, Estimate.of(wideErr - augErr, g), augErr, wideErr, paramsRatio);
  }

  static Curve curve(
      String arm, int width, int points, CurveFit.Result f, TreeMap<Double, List<Run>> cells) {
    List<double[]> measured = new ArrayList<>();
    for (List<Run> l : cells.values()) {
      double[] e = l.stream().mapToDouble(Run::error).toArray();
      double mean = java.util.Arrays.stream(e).average().orElseThrow();
      double sd = 0;
      for (double v : e) sd += (v - mean) * (v - mean);
      sd = e.length > 1 ? Math.sqrt(sd / (e.length - 1)) : Double.NaN;
      measured.add(
          new double[] {
            l.stream().mapToDouble(Run::n).average().orElseThrow(), mean, sd, e.length
          });
    }
    if (f.curve() instanceof PowerCurve p) {
      return new Curve(
          arm,
          width,
          points,
          "power law",
          est(p.e(), f, c -> c.e()),
          est(p.a(), f, c -> c.a()),
          est(p.alpha(), f, c -> c.alpha()),
          f.ci(),
          null,
          measured);
    }
    return new Curve(
        arm, width, points, "interpolation", null, null, null, f.ci(), f.note(), measured);
  }

  private static Estimate est(
      double v, CurveFit.Result f, java.util.function.ToDoubleFunction<PowerCurve> get) {
    return Estimate.of(
        v, f.resamples().stream().mapToDouble(c -> get.applyAsDouble((PowerCurve) c)).toArray());
  }

  static double[] range(TreeMap<Double, List<Run>> cells) {
    double lo = cells.firstEntry().getValue().stream().mapToDouble(Run::n).min().orElseThrow();
    double hi = cells.lastEntry().getValue().stream().mapToDouble(Run::n).max().orElseThrow();
    return new double[] {lo, hi};
  }

  static double params(List<Run> runs, String arm, int w) {
    return runs.stream()
        .filter(r -> r.arm().equals(arm) && r.width() == w)
        .mapToLong(Run::params)
        .max()
        .orElse(0);
  }

  static String key(String arm, int width) {
    return arm + "|w" + width;
  }
}
