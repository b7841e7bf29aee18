package dev.sluice.scaling.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits points as {@link FitSummary} describes: the joint model (shared E, A, alpha, beta; one B per arm) and its
 * multipliers m = (B_ref / B_arm)^(1/beta), each arm's own law where it has points enough, per-budget
 * multipliers from those, bootstrap intervals for everything, and AIC to say which model the data support.
 */
public final class ScalingFits {
  /** An arm's own fit needs this many points (five parameters, one degree of freedom left). */
  static final int OWN_FIT_POINTS = 6;

  private ScalingFits() {}

  public static FitSummary fit(List<Point> points, int resamples, long seed) {
    return fit(points, resamples, seed, Map.of());
  }

  /**
   * @param against arm -> the arm to compare it with besides the reference (a curriculum arm -> its control);
   *     pairs whose arms have no points are left out
   */
  public static FitSummary fit(
      List<Point> points, int resamples, long seed, Map<String, String> against) {
    if (points.isEmpty()) throw new FitException("no points to fit");
    List<String> arms =
        new ArrayList<>(new LinkedHashSet<>(points.stream().map(Point::arm).toList()));
    List<String> warnings = new ArrayList<>();
    LawFitter.Joint joint = LawFitter.fitJoint(points, arms);
    List<LawFitter.Joint> boot = Bootstrap.joint(points, arms, joint, resamples, seed);

    Map<String, Estimate> bs = new LinkedHashMap<>();
    Map<String, Estimate> multipliers = new LinkedHashMap<>();
    for (int k = 0; k < arms.size(); k++) {
      int kk = k;
      bs.put(
          arms.get(k),
          Estimate.of(joint.b()[k], boot.stream().mapToDouble(j -> j.b()[kk]).toArray()));
      multipliers.put(
          arms.get(k),
          Estimate.of(
              multiplier(joint, 0, k),
              boot.stream().mapToDouble(j -> multiplier(j, 0, kk)).toArray()));
    }
    List<String> atBound = atBound(joint);
    FitSummary.JointFit jointFit =
        new FitSummary.JointFit(
            bounded(atBound, "E", joint.e(), boot, LawFitter.Joint::e),
            bounded(atBound, "A", joint.a(), boot, LawFitter.Joint::a),
            bounded(atBound, "alpha", joint.alpha(), boot, LawFitter.Joint::alpha),
            bounded(atBound, "beta", joint.beta(), boot, LawFitter.Joint::beta),
            bs,
            joint.objective());
    boolean noSignal = flat(points, joint);
    if (noSignal) {
      warnings.add(
          "the loss barely changes with N or D (the fitted law varies by under 0.1% across the "
              + "points): there is no scaling signal, and the multipliers mean nothing");
      multipliers.replaceAll((arm, m) -> new Estimate(Double.NaN, null, null));
    }

    boolean multipliersToo = false;
    if (!atBound.isEmpty()) {
      // a multiplier is (B_ref / B_k)^(1 / beta): it means nothing when beta or a B sits at an edge
      multipliersToo =
          atBound.stream().anyMatch(name -> name.equals("beta") || name.startsWith("B["));
      warnings.add(
          "the fit ran into the edge of the search range for "
              + String.join(", ", atBound)
              + ": these points do not identify "
              + (atBound.size() == 1 ? "it" : "them")
              + ", so "
              + (atBound.size() == 1 ? "it has" : "they have")
              + " no interval"
              + (multipliersToo ? ", and the multipliers mean nothing" : ""));
      for (String arm : arms) {
        if (atBound.contains("B[" + arm + "]")) {
          bs.put(arm, new Estimate(bs.get(arm).value(), null, null));
        }
      }
      if (multipliersToo) multipliers.replaceAll((arm, m) -> new Estimate(Double.NaN, null, null));
    }

    Map<String, FitSummary.ArmFit> armFits = new LinkedHashMap<>();
    Map<String, List<LawFitter.Joint>> ownBoot = new LinkedHashMap<>();
    for (int k = 0; k < arms.size(); k++) {
      String arm = arms.get(k);
      List<Point> mine = points.stream().filter(p -> p.arm().equals(arm)).toList();
      String why = ownFitRefusal(mine);
      LawFitter.Joint own = null;
      if (why == null) {
        try {
          own = LawFitter.fitJoint(mine, List.of(arm));
        } catch (FitException e) {
          why = e.getMessage(); // e.g. repeated seeds: fewer distinct points than rows
        }
      }
      if (own != null) {
        List<LawFitter.Joint> ob =
            Bootstrap.joint(mine, List.of(arm), own, resamples, seed + k + 1);
        ownBoot.put(arm, ob);
        armFits.put(arm, armFit(mine.size(), "own", own, ob, 0, atBound(own)));
      } else {
        if (arms.size() > 1)
          warnings.add("arm " + arm + ": " + why + "; its parameters are the joint model's");
        armFits.put(arm, armFit(mine.size(), "joint", joint, boot, k, atBound));
      }
    }

    List<FitSummary.BudgetMultiplier> perBudget = new ArrayList<>();
    // per-budget multipliers at the budgets the points share (a grid's; a points file whose C is
    // 6ND for every point has as many budgets as points, and no budget to report)
    boolean shared = budgets(points).size() * 2 <= points.size();
    if (arms.size() > 1 && shared && ownBoot.size() == arms.size() && !noSignal) {
      for (double c : budgets(points)) {
        for (int k = 1; k < arms.size(); k++) {
          String arm = arms.get(k);
          double[] res = new double[resamples];
          for (int i = 0; i < resamples; i++) {
            res[i] =
                perBudget(
                    ownBoot.get(arms.get(0)).get(i).law(0), ownBoot.get(arm).get(i).law(0), c);
          }
          perBudget.add(
              new FitSummary.BudgetMultiplier(
                  arm,
                  c,
                  Estimate.of(
                      perBudget(armFits.get(arms.get(0)).law(), armFits.get(arm).law(), c), res)));
        }
      }
    }
    boolean multipliersNull = multipliersToo;
    List<FitSummary.Comparison> comparisons = new ArrayList<>();
    against.forEach(
        (arm, other) -> {
          int k = arms.indexOf(arm);
          int ref = arms.indexOf(other);
          if (k < 0 || ref < 0) return;
          comparisons.add(
              new FitSummary.Comparison(
                  arm,
                  other,
                  noSignal || multipliersNull
                      ? new Estimate(Double.NaN, null, null)
                      : Estimate.of(
                          multiplier(joint, ref, k),
                          boot.stream().mapToDouble(j -> multiplier(j, ref, k)).toArray())));
        });
    return new FitSummary(
        points.size(),
        resamples,
        seed,
        arms.get(0),
        armFits,
        jointFit,
        multipliers,
        perBudget,
        select(points, arms, joint, armFits, ownBoot.size() == arms.size()),
        warnings,
        bootstrapLaws(arms, armFits, boot, ownBoot),
        comparisons);
  }

  /** Per arm, its law on each resample: from its own fit's bootstrap, or the joint model's. */
  static Map<String, List<ScalingLaw>> bootstrapLaws(
      List<String> arms,
      Map<String, FitSummary.ArmFit> armFits,
      List<LawFitter.Joint> joint,
      Map<String, List<LawFitter.Joint>> own) {
    Map<String, List<ScalingLaw>> out = new LinkedHashMap<>();
    for (int k = 0; k < arms.size(); k++) {
      String arm = arms.get(k);
      int kk = k;
      out.put(
          arm,
          armFits.get(arm).source().equals("own")
              ? own.get(arm).stream().map(j -> j.law(0)).toList()
              : joint.stream().map(j -> j.law(kk)).toList());
    }
    return out;
  }

  /** m = (B_ref / B_arm)^(1 / beta): the arm at D tokens does what the reference does at m·D. */
  static double multiplier(LawFitter.Joint j, int ref, int arm) {
    return Math.exp((j.theta()[4 + ref] - j.theta()[4 + arm]) / j.beta());
  }

  /** Compute the reference needs for the loss {@code arm}'s law reaches at C, over C. */
  static double perBudget(ScalingLaw ref, ScalingLaw arm, double c) {
    return ref.computeFor(arm.optimalLoss(c)) / c;
  }

  /** An arm's law with intervals; a parameter in {@code atBound} (its fit's edge names) gets none. */
  private static FitSummary.ArmFit armFit(
      int n,
      String source,
      LawFitter.Joint fit,
      List<LawFitter.Joint> boot,
      int k,
      List<String> atBound) {
    String b = "B[" + fit.arms().get(k) + "]";
    return new FitSummary.ArmFit(
        n,
        source,
        bounded(atBound, "E", fit.e(), boot, LawFitter.Joint::e),
        bounded(atBound, "A", fit.a(), boot, LawFitter.Joint::a),
        bounded(atBound, b, fit.b()[k], boot, j -> j.b()[k]),
        bounded(atBound, "alpha", fit.alpha(), boot, LawFitter.Joint::alpha),
        bounded(atBound, "beta", fit.beta(), boot, LawFitter.Joint::beta));
  }

  /** Why an arm's points cannot carry a fit of their own (null when they can). */
  static String ownFitRefusal(List<Point> mine) {
    if (mine.size() < OWN_FIT_POINTS) {
      return mine.size() + " points, an own fit needs " + OWN_FIT_POINTS;
    }
    if (mine.stream().mapToDouble(Point::n).distinct().count() < 2) return "one model size only";
    if (mine.stream().mapToDouble(Point::d).distinct().count() < 2) return "one token count only";
    return null;
  }

  /** The distinct budgets of the points (C rounded to three significant digits), ascending. */
  public static List<Double> budgets(List<Point> points) {
    TreeSet<Double> out = new TreeSet<>();
    for (Point p : points) out.add(Double.parseDouble(String.format(Locale.ROOT, "%.2e", p.c())));
    return List.copyOf(out);
  }

  /** Whether the fitted law predicts (nearly) the same loss at every point: then N and D explain nothing. */
  static boolean flat(List<Point> points, LawFitter.Joint j) {
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    for (Point p : points) {
      double l = j.law(j.arms().indexOf(p.arm())).loss(p.n(), p.d());
      lo = Math.min(lo, l);
      hi = Math.max(hi, l);
    }
    return hi - lo < 1e-3 * hi;
  }

  /** AIC = n ln(RSS / n) + 2k on log residuals, for the joint model and (when fitted) the per-arm laws. */
  static FitSummary.Selection select(
      List<Point> points,
      List<String> arms,
      LawFitter.Joint joint,
      Map<String, FitSummary.ArmFit> own,
      boolean allOwn) {
    int n = points.size();
    double jointRss = 0, freeRss = 0;
    for (Point p : points) {
      int k = arms.indexOf(p.arm());
      double rj = Math.log(joint.law(k).loss(p.n(), p.d()) / p.loss());
      double rf = Math.log(own.get(p.arm()).law().loss(p.n(), p.d()) / p.loss());
      jointRss += rj * rj;
      freeRss += rf * rf;
    }
    double jointAic = n * Math.log(Math.max(jointRss, 1e-300) / n) + 2 * (4 + arms.size());
    if (arms.size() == 1)
      return new FitSummary.Selection(
          jointAic, null, "joint", "one arm: the two models are the same");
    if (!allOwn) {
      return new FitSummary.Selection(
          jointAic, null, "joint", "not every arm has points enough for a fit of its own");
    }
    double freeAic = n * Math.log(Math.max(freeRss, 1e-300) / n) + 2 * (5 * arms.size());
    boolean joint1 = jointAic <= freeAic;
    return new FitSummary.Selection(
        jointAic,
        freeAic,
        joint1 ? "joint" : "free",
        joint1
            ? "the arms share exponents: one B per arm explains the points as well, with fewer parameters"
            : "the arms' exponents differ: read the per-budget multipliers, not the joint one");
  }

  /**
   * The joint fit's parameters that ended at a limit of the minimiser's search box (log E, log A and log B in
   * [-50, 50], alpha and beta in [0, 10], {@code Minimizer.validExponents}): the points pushed them there, so
   * their values are the box's, not estimates.
   */
  static List<String> atBound(LawFitter.Joint j) {
    double[] t = j.theta();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      boolean exponent = i == 2 || i == 3;
      double lo = exponent ? 0 : -50, hi = exponent ? 10 : 50;
      if (t[i] <= lo + 1e-6 || t[i] >= hi - 1e-6) {
        out.add(
            switch (i) {
              case 0 -> "E";
              case 1 -> "A";
              case 2 -> "alpha";
              case 3 -> "beta";
              default -> "B[" + j.arms().get(i - 4) + "]";
            });
      }
    }
    return out;
  }

  private static Estimate bounded(
      List<String> atBound,
      String name,
      double value,
      List<LawFitter.Joint> boot,
      java.util.function.ToDoubleFunction<LawFitter.Joint> f) {
    if (atBound.contains(name)) return new Estimate(value, null, null);
    return Estimate.of(value, boot.stream().mapToDouble(f).toArray());
  }
}
