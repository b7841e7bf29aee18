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
 * multipliers from those, bootstrap intervals for everything, and AICc to say which model the data support.
 */
public final class ScalingFits {
  /**
   * An arm's own fit needs this many distinct (N, D) points: two per parameter. With fewer, most bootstrap
   * resamples draw fewer than six distinct points and cannot identify five parameters (with 6 points, 98% of
   * resamples cannot; with 10, 15%).
   */
  static final int OWN_FIT_POINTS = 10;

  /**
   * Intervals need this share of the resamples to identify the law. The ones left out are those with the fewest
   * distinct points, whose fits would be the most extreme: leaving out more than a 2.5% tail could remove all of
   * it, and the 95% interval would be too narrow.
   */
  static final double IDENTIFIED_SHARE = 0.975;

  private ScalingFits() {}

  public static FitSummary fit(List<Point> points, int resamples, long seed) {
    return fit(points, resamples, seed, Map.of());
  }

  /**
   * @param against arm -> the arm to compare it with besides the reference (a curriculum arm -> its control);
   *     pairs whose arms have no points are left out
   */
  public static FitSummary fit(
      List<Point> given, int resamples, long seed, Map<String, String> against) {
    if (given.isEmpty()) throw new FitException("no points to fit");
    List<String> warnings = new ArrayList<>();
    List<Point> points = distinctRows(given, warnings);
    List<String> arms =
        new ArrayList<>(new LinkedHashSet<>(points.stream().map(Point::arm).toList()));
    LawFitter.Joint joint;
    try {
      joint = LawFitter.fitJoint(points, arms);
    } catch (FitException e) {
      if (points.size() == given.size()) throw e;
      throw new FitException(
          e.getMessage()
              + " ("
              + (given.size() - points.size())
              + " row(s) repeat another row exactly and count once)");
    }
    List<LawFitter.Joint> boot = Bootstrap.joint(points, arms, joint, resamples, seed);
    if (enough(boot, resamples) && boot.size() < resamples) {
      warnings.add(
          (resamples - boot.size())
              + " of "
              + resamples
              + " resamples drew too few distinct points to identify the law and are left out of the"
              + " intervals");
    }
    if (!enough(boot, resamples)) {
      warnings.add(
          "only "
              + boot.size()
              + " of "
              + resamples
              + " resamples hold points enough to identify the law: there are no intervals;"
              + " add points (more sizes and token counts)");
      boot = List.of();
    }
    boolean noSignal = flat(points, joint);
    List<String> unidentified = noSignal ? everything(arms) : FitEdges.unidentified(joint);
    if (noSignal) {
      warnings.add(
          "the loss barely changes with N or D (the fitted law varies by under 0.1% across the "
              + "points): there is no scaling signal, the law's parameters are not estimated, and the"
              + " multipliers mean nothing");
    } else if (!unidentified.isEmpty()) {
      warnings.add(edgeWarning("the fit", unidentified));
    }
    // a multiplier is (B_ref / B_k)^(1 / beta): it means nothing when beta or a B is not identified
    boolean noMultipliers =
        unidentified.stream().anyMatch(name -> name.equals("beta") || name.startsWith("B["));
    List<LawFitter.Joint> jb = boot;
    Map<String, Estimate> bs = new LinkedHashMap<>();
    Map<String, Estimate> multipliers = new LinkedHashMap<>();
    for (int k = 0; k < arms.size(); k++) {
      int kk = k;
      bs.put(
          arms.get(k),
          FitEdges.bounded(
              unidentified, "B[" + arms.get(k) + "]", joint.b()[k], jb, j -> j.b()[kk]));
      multipliers.put(
          arms.get(k),
          noMultipliers
              ? new Estimate(Double.NaN, null, null)
              : Estimate.of(
                  multiplier(joint, 0, k),
                  jb.stream().mapToDouble(j -> multiplier(j, 0, kk)).toArray()));
    }
    FitSummary.JointFit jointFit =
        new FitSummary.JointFit(
            FitEdges.bounded(unidentified, "E", joint.e(), jb, LawFitter.Joint::e),
            FitEdges.bounded(unidentified, "A", joint.a(), jb, LawFitter.Joint::a),
            FitEdges.bounded(unidentified, "alpha", joint.alpha(), jb, LawFitter.Joint::alpha),
            FitEdges.bounded(unidentified, "beta", joint.beta(), jb, LawFitter.Joint::beta),
            bs,
            joint.objective());

    Map<String, FitSummary.ArmFit> armFits = new LinkedHashMap<>();
    Map<String, List<LawFitter.Joint>> ownBoot = new LinkedHashMap<>();
    for (int k = 0; k < arms.size(); k++) {
      String arm = arms.get(k);
      List<Point> mine = points.stream().filter(p -> p.arm().equals(arm)).toList();
      String why = ownFitRefusal(mine);
      if (why == null && arms.size() > 1) {
        try {
          LawFitter.Joint own = LawFitter.fitJoint(mine, List.of(arm));
          List<String> edge = FitEdges.unidentified(own);
          List<LawFitter.Joint> ob =
              edge.isEmpty()
                  ? Bootstrap.joint(mine, List.of(arm), own, resamples, seed + k + 1)
                  : List.of();
          if (!edge.isEmpty()) {
            why = edgeWarning("its own fit", edge).replace(", so ", "; ");
          } else if (!enough(ob, resamples)) {
            why =
                "only "
                    + ob.size()
                    + " of "
                    + resamples
                    + " resamples of its points identify a law of its own";
          } else {
            ownBoot.put(arm, ob);
            armFits.put(arm, armFit(mine.size(), "own", own, ob, 0, List.of()));
            continue;
          }
        } catch (FitException e) {
          why = e.getMessage(); // e.g. repeated seeds: fewer distinct points than rows
        }
      }
      if (arms.size() == 1) {
        // one arm: the joint fit is its own
        ownBoot.put(arm, boot);
        armFits.put(arm, armFit(mine.size(), "own", joint, boot, 0, unidentified));
        continue;
      }
      if (arms.size() > 1)
        warnings.add("arm " + arm + ": " + why + "; its parameters are the joint model's");
      armFits.put(arm, armFit(mine.size(), "joint", joint, boot, k, unidentified));
    }

    List<FitSummary.BudgetMultiplier> perBudget = new ArrayList<>();
    // per-budget multipliers at the budgets the points share (a grid's; a points file whose C is
    // 6ND for every point has as many budgets as points, and no budget to report)
    boolean shared = budgets(points).size() * 2 <= points.size();
    if (arms.size() > 1 && shared && ownBoot.size() == arms.size() && !noSignal) {
      for (double c : budgets(points)) {
        for (int k = 1; k < arms.size(); k++) {
          String arm = arms.get(k);
          List<LawFitter.Joint> refBoot = ownBoot.get(arms.get(0)), armBoot = ownBoot.get(arm);
          double[] res = new double[Math.min(refBoot.size(), armBoot.size())];
          for (int i = 0; i < res.length; i++) {
            res[i] = perBudget(refBoot.get(i).law(0), armBoot.get(i).law(0), c);
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
                  noMultipliers
                      ? new Estimate(Double.NaN, null, null)
                      : Estimate.of(
                          multiplier(joint, ref, k),
                          jb.stream().mapToDouble(j -> multiplier(j, ref, k)).toArray())));
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
        ModelSelection.select(points, arms, joint, armFits, ownBoot.size() == arms.size()),
        warnings,
        bootstrapLaws(arms, armFits, boot, ownBoot),
        comparisons);
  }

  /** Whether enough resamples identified the law for their percentiles to be read as an interval. */
  static boolean enough(List<LawFitter.Joint> boot, int resamples) {
    return resamples == 0 || boot.size() >= IDENTIFIED_SHARE * resamples;
  }

  /** Every parameter's name: a law with no scaling signal estimates none of them. */
  static List<String> everything(List<String> arms) {
    List<String> out = new ArrayList<>(List.of("E", "A", "alpha", "beta"));
    for (String arm : arms) out.add("B[" + arm + "]");
    return out;
  }

  static String edgeWarning(String fit, List<String> names) {
    boolean multipliers = names.stream().anyMatch(n -> n.equals("beta") || n.startsWith("B["));
    return fit
        + " ran into the edge of the search range (or a parameter that depends on one) for "
        + String.join(", ", names)
        + ": these points do not identify "
        + (names.size() == 1 ? "it" : "them")
        + ", so "
        + (names.size() == 1 ? "it has" : "they have")
        + " no interval"
        + (multipliers ? ", and the multipliers mean nothing" : "");
  }

  /**
   * The points with exact repeats (the same arm, N, D, loss, seed and C) kept once: a row entered twice is not a
   * second measurement, and counting it would narrow every interval.
   */
  static List<Point> distinctRows(List<Point> points, List<String> warnings) {
    List<Point> out = List.copyOf(new LinkedHashSet<>(points));
    if (out.size() < points.size()) {
      warnings.add(
          (points.size() - out.size())
              + " row(s) repeat another row exactly (arm, N, D, loss, seed and C): each is counted once");
    }
    return out;
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

  /** An arm's law with intervals; a parameter in {@code atBound} (not identified) gets none. */
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
        FitEdges.bounded(atBound, "E", fit.e(), boot, LawFitter.Joint::e),
        FitEdges.bounded(atBound, "A", fit.a(), boot, LawFitter.Joint::a),
        FitEdges.bounded(atBound, b, fit.b()[k], boot, j -> j.b()[k]),
        FitEdges.bounded(atBound, "alpha", fit.alpha(), boot, LawFitter.Joint::alpha),
        FitEdges.bounded(atBound, "beta", fit.beta(), boot, LawFitter.Joint::beta));
  }

  /** Why an arm's points cannot carry a fit of their own (null when they can). */
  static String ownFitRefusal(List<Point> mine) {
    long distinct = mine.stream().map(p -> List.of(p.n(), p.d())).distinct().count();
    if (distinct < OWN_FIT_POINTS) {
      return (distinct < mine.size() ? distinct + " distinct (N, D) points" : distinct + " points")
          + ", an own fit needs "
          + OWN_FIT_POINTS;
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
}
