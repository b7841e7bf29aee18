package dev.sluice.scaling.fit;

import java.util.List;

/**
 * Fits Chinchilla's approach 3 to points: one five-parameter law per arm ({@link #fitOne}) or the joint model
 * with a shared E, A, alpha, beta and one B per arm ({@link #fitJoint}). Refuses points that cannot identify the
 * parameters (too few, one model size only, one token count only) rather than returning a confident wrong number.
 */
public final class LawFitter {
  /** Starting points the optimiser runs from (the best of Epoch's grid by objective value). */
  static final int STARTS = 8;

  private LawFitter() {}

  /** A fitted joint model: the shared law with each arm's B, and the optimiser's objective. */
  public record Joint(
      List<String> arms,
      double e,
      double a,
      double alpha,
      double beta,
      double[] b,
      double objective,
      double[] theta) {
    public ScalingLaw law(String arm) {
      return law(arms.indexOf(arm));
    }

    public ScalingLaw law(int arm) {
      return new ScalingLaw(e, a, b[arm], alpha, beta);
    }
  }

  public static ScalingLaw fitOne(List<Point> points) {
    String arm = points.get(0).arm();
    List<Point> same =
        points.stream().map(p -> new Point(arm, p.n(), p.d(), p.loss(), p.seed(), p.c())).toList();
    return fitJoint(same, List.of(arm)).law(0);
  }

  public static Joint fitJoint(List<Point> points, List<String> arms) {
    check(points, arms);
    HuberObjective f = new HuberObjective(points, arms, null);
    Minimizer.Solution s = Minimizer.fromBest(f, Minimizer.grid(arms.size()), STARTS);
    return joint(arms, s);
  }

  /** Starts a resample's fit runs from: the best of them on that resample ({@link #refit}). */
  static final int RESAMPLE_STARTS = 3;

  /**
   * The starting points of every resample's fit: the full fit's optimum, then the grid points that scored best on
   * all the points. A resample fitted from the optimum alone stays in its basin: where the objective has two
   * (as it often has with few points, or near an edge), the intervals would miss the other.
   */
  static List<double[]> resampleStarts(List<Point> points, List<String> arms, Joint full) {
    List<double[]> out = new java.util.ArrayList<>();
    out.add(full.theta());
    out.addAll(
        Minimizer.best(
            new HuberObjective(points, arms, null), Minimizer.grid(arms.size()), STARTS));
    return out;
  }

  /** Refit on a resample (weights per point): from the {@link #RESAMPLE_STARTS} starts that score best on it. */
  static Joint refit(List<Point> points, List<String> arms, int[] weight, List<double[]> starts) {
    return joint(
        arms,
        Minimizer.fromBest(new HuberObjective(points, arms, weight), starts, RESAMPLE_STARTS));
  }

  static Joint joint(List<String> arms, Minimizer.Solution s) {
    double[] t = s.theta();
    double[] b = new double[arms.size()];
    for (int k = 0; k < b.length; k++) b[k] = Math.exp(t[4 + k]);
    return new Joint(
        List.copyOf(arms), Math.exp(t[0]), Math.exp(t[1]), t[2], t[3], b, s.objective(), t.clone());
  }

  /** The points must be able to identify the law: enough of them, at two or more sizes and token counts. */
  static void check(List<Point> points, List<String> arms) {
    String problem = problem(points, arms);
    if (problem != null) throw new FitException(problem);
  }

  /** Why the points cannot identify the law, or null when they can. */
  static String problem(List<Point> points, List<String> arms) {
    int params = 4 + arms.size();
    // repeated rows (the same arm, N and D) add weight, not information
    long distinct = points.stream().map(p -> List.of(p.arm(), p.n(), p.d())).distinct().count();
    if (distinct <= params) {
      return distinct
          + (distinct < points.size() ? " distinct (arm, N, D) points" : " points")
          + " cannot fit "
          + params
          + " parameters (E, A, alpha, beta and B for "
          + arms.size()
          + " arm(s)): at least "
          + (params + 1)
          + " are needed";
    }
    if (points.stream().mapToDouble(Point::n).distinct().count() < 2) {
      return "every point has the same model size N: A and alpha cannot be fitted; "
          + "train at two or more sizes";
    }
    for (String arm : arms) {
      List<Point> mine = points.stream().filter(p -> p.arm().equals(arm)).toList();
      if (mine.isEmpty()) return "arm " + arm + " has no points";
      if (mine.stream().mapToDouble(Point::d).distinct().count() < 2) {
        return "every point of arm "
            + arm
            + " has the same token count D: B and beta "
            + "cannot be fitted; train it at two or more token counts";
      }
    }
    return null;
  }
}
