package dev.sluice.scaling.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fits err(n) = E + A·n^(−alpha) to the test errors of one (arm, width) and bootstraps it, with the objective and
 * minimiser of the Chinchilla fits: the law at a fixed model size (every point at N = 1, so the N term is one more
 * constant, E + exp(a)), the Huber loss of log err, iteratively reweighted Levenberg-Marquardt. Three parameters
 * from a handful of data fractions is a small fit, and the result says how its interval was made:
 *
 * <ul>
 *   <li>{@code seeds}: every n has two seeds or more; each resample draws the runs of every n with replacement
 *       (stratified by n, so each fraction keeps its count), their log-error deviations from the n's mean
 *       inflated by sqrt(m / (m − 1)) for m runs (the plain bootstrap of two values has half their variance),
 *       and refits;
 *   <li>{@code residuals}: one seed somewhere; each resample adds the fit's log residuals, drawn with replacement,
 *       centred and inflated by sqrt(k / (k − 3)) for the three fitted parameters, to the fitted curve and refits.
 * </ul>
 *
 * A fit is degenerate (and the caller falls back to {@link InterpolatedCurve}) with fewer than four points or three
 * distinct n, or when the exponent or the scale ends at its bound (the error does not fall with n).
 */
public final class CurveFit {
  /** One finished run: its training images, its test error, its seed. */
  public record Sample(double n, double error, long seed) {
    public Sample {
      if (!(n > 0) || !(error > 0) || !(error < 1))
        throw new IllegalArgumentException("n > 0 and an error in (0, 1), got " + n + ", " + error);
    }
  }

  /**
   * @param curve the fit, or the interpolation when {@code degenerate}
   * @param resamples the bootstrap's curves, resample i at index i
   * @param ci how the interval was made: seeds, residuals, or none
   * @param note why the fit is degenerate, or null
   */
  public record Result(
      ErrorCurve curve, List<ErrorCurve> resamples, String ci, boolean degenerate, String note) {}

  private static final List<String> ARM = List.of("curve");

  private CurveFit() {}

  public static Result fit(List<Sample> samples, int resamples, long seed) {
    TreeMap<Double, List<Sample>> byN = byN(samples);
    boolean seeds = byN.values().stream().allMatch(l -> l.size() >= 2);
    String why = null;
    if (samples.size() < 4 || byN.size() < 3) {
      why =
          samples.size()
              + " points at "
              + byN.size()
              + " distinct n: a three-parameter fit needs"
              + " four points at three n or more";
    }
    List<Point> pts = points(byN.values().stream().flatMap(List::stream).toList());
    LawFitter.Joint full = null;
    if (why == null) {
      full = fitLaw(pts);
      PowerCurve c = curve(full);
      double drop = c.error(byN.firstKey()) - c.error(byN.lastKey());
      if (!(c.alpha() > 1e-3) || c.alpha() > 9.99 || !(drop > 1e-4 * c.error(byN.lastKey())))
        why =
            String.format(
                java.util.Locale.ROOT,
                "the fitted law is degenerate (alpha %.3g, A %.3g, a fall of %.3g over the measured"
                    + " n): the error does not fall with n as a power law",
                c.alpha(),
                c.a(),
                drop);
    }
    if (why != null) return interpolated(byN, seeds, resamples, seed, why);
    // each resample is a synthetic set of log errors at the same n, refitted from the full fit
    double[] log = pts.stream().mapToDouble(p -> Math.log(p.loss())).toArray();
    double[] r = new HuberObjective(pts, ARM, null).residuals(full.theta());
    double meanR = java.util.Arrays.stream(r).average().orElse(0);
    double inflateR = Math.sqrt(r.length / (double) Math.max(1, r.length - 3));
    int[] cellStart = new int[pts.size()], cellLen = new int[pts.size()];
    double[] cellMean = new double[pts.size()];
    int i0 = 0;
    for (List<Sample> l : byN.values()) {
      double m = 0;
      for (int k = 0; k < l.size(); k++) m += log[i0 + k] / l.size();
      for (int k = 0; k < l.size(); k++) {
        cellStart[i0 + k] = i0;
        cellLen[i0 + k] = l.size();
        cellMean[i0 + k] = m;
      }
      i0 += l.size();
    }
    List<ErrorCurve> boot = new ArrayList<>();
    for (int i = 0; i < resamples; i++) {
      SplittableRandom rnd = new SplittableRandom(Bootstrap.mix(Bootstrap.mix(seed) + i));
      List<Point> synth = new ArrayList<>();
      for (int k = 0; k < pts.size(); k++) {
        double v;
        if (seeds) {
          // a run of the same n, drawn with replacement, its deviation from the n's mean inflated
          // by sqrt(m / (m − 1)): resampling m values alone has (m − 1)/m of their variance (half
          // with 2 seeds)
          int m = cellLen[k];
          int j = cellStart[k] + rnd.nextInt(m);
          v = cellMean[k] + Math.sqrt(m / (m - 1.0)) * (log[j] - cellMean[k]);
        } else {
          // residuals are predicted − observed: observed* = predicted − r*
          v = log[k] + r[k] - (r[rnd.nextInt(r.length)] - meanR) * inflateR;
        }
        Point p = pts.get(k);
        synth.add(new Point(p.arm(), p.n(), p.d(), Math.exp(v), p.seed(), p.c()));
      }
      boot.add(curve(refit(synth, full)));
    }
    return new Result(
        curve(full), boot, resamples == 0 ? "none" : seeds ? "seeds" : "residuals", false, null);
  }

  /** The mean error per n, joined; its resamples redraw the seeds of each n (none with one seed somewhere). */
  static Result interpolated(
      TreeMap<Double, List<Sample>> byN, boolean seeds, int resamples, long seed, String why) {
    List<double[]> cells = new ArrayList<>();
    byN.forEach((n, l) -> cells.add(l.stream().mapToDouble(Sample::error).toArray()));
    double[] ns = byN.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    ErrorCurve mean = new InterpolatedCurve(ns, means(cells, null));
    List<ErrorCurve> boot = new ArrayList<>();
    if (seeds) {
      for (int i = 0; i < resamples; i++) {
        SplittableRandom rnd = new SplittableRandom(Bootstrap.mix(Bootstrap.mix(seed) + i));
        boot.add(new InterpolatedCurve(ns, means(cells, rnd)));
      }
    }
    String ci = seeds && resamples > 0 ? "seeds" : "none";
    return new Result(
        mean,
        boot,
        ci,
        true,
        why
            + "; the measured means are interpolated instead"
            + (ci.equals("none") ? " (one seed: no interval)" : ""));
  }

  /** Each n's mean error; with {@code rnd}, of its runs redrawn (deviations inflated as in {@link #fit}). */
  private static double[] means(List<double[]> cells, SplittableRandom rnd) {
    double[] out = new double[cells.size()];
    for (int i = 0; i < out.length; i++) {
      double[] c = cells.get(i);
      double mean = java.util.Arrays.stream(c).average().orElseThrow();
      if (rnd == null) {
        out[i] = mean;
        continue;
      }
      double inflate = Math.sqrt(c.length / (c.length - 1.0)), s = 0;
      for (int k = 0; k < c.length; k++) s += mean + inflate * (c[rnd.nextInt(c.length)] - mean);
      out[i] = Math.max(1e-9, s / c.length);
    }
    return out;
  }

  static TreeMap<Double, List<Sample>> byN(List<Sample> samples) {
    TreeMap<Double, List<Sample>> byN = new TreeMap<>();
    for (Sample s : samples) byN.computeIfAbsent(s.n(), k -> new ArrayList<>()).add(s);
    return byN;
  }

  private static List<Point> points(List<Sample> samples) {
    return samples.stream()
        .map(s -> new Point("curve", 1, s.n(), s.error(), s.seed(), s.n()))
        .toList();
  }

  /**
   * Starts from the data rather than Epoch's LM grid (whose constant terms start above 1, far from an error
   * rate): E a share of the lowest error, the N term switched off (a = −30), and for each exponent the scale that
   * puts the curve through the error at the smallest n; and a flat curve at the mean error.
   */
  static LawFitter.Joint fitLaw(List<Point> pts) {
    return LawFitter.joint(
        ARM, Minimizer.fromBest(new HuberObjective(pts, ARM, null), starts(pts), LawFitter.STARTS));
  }

  /**
   * A resample's fit: from the full fit's optimum and the data's own starts, the best of three. From the optimum
   * alone, two in three resamples of a four-n curve stayed exactly there (the reweighted step did not move), which
   * made the intervals too narrow and lopsided.
   */
  static LawFitter.Joint refit(List<Point> pts, LawFitter.Joint full) {
    List<double[]> starts = starts(pts);
    starts.add(0, full.theta());
    return LawFitter.joint(ARM, Minimizer.fromBest(new HuberObjective(pts, ARM, null), starts, 3));
  }

  static List<double[]> starts(List<Point> pts) {
    double minErr = pts.stream().mapToDouble(Point::loss).min().orElseThrow();
    Point first = pts.stream().min(java.util.Comparator.comparingDouble(Point::d)).orElseThrow();
    List<double[]> starts = new ArrayList<>();
    for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.9}) {
      for (double beta : new double[] {0.1, 0.25, 0.5, 0.75, 1, 1.5}) {
        double e = Math.log(q * minErr);
        double b = Math.log(Math.max(first.loss() - q * minErr, 1e-6)) + beta * Math.log(first.d());
        starts.add(new double[] {e, -30, 0, beta, b});
      }
    }
    // and a flat start (no fall with n), so that points which do not fall are fitted as such
    double mean = pts.stream().mapToDouble(p -> Math.log(p.loss())).average().orElseThrow();
    starts.add(new double[] {mean, -30, 0, 0.5, -30});
    return starts;
  }

  /** The law at N = 1 as a curve in n: E = exp(e) + exp(a), A = B, alpha = beta. */
  static PowerCurve curve(LawFitter.Joint j) {
    return new PowerCurve(j.e() + j.a(), j.b()[0], j.beta());
  }
}
