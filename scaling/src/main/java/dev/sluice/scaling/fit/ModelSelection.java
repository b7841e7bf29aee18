package dev.sluice.scaling.fit;

import java.util.List;
import java.util.Map;

/**
 * Which model the points support, the joint one (k = 4 + arms parameters) or a law per arm (k = 5 x arms), by
 * AICc on the log residuals: AIC = n ln(RSS / n) + 2k, plus 2k(k + 1) / (n - k - 1), the small-sample correction
 * (Hurvich and Tsai 1989). Scaling grids have tens of points for five to twenty parameters, where plain AIC
 * favours the model with more of them; AICc is undefined when n <= k + 1, and then the joint model is kept.
 */
final class ModelSelection {
  private ModelSelection() {}

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
    int jointK = 4 + arms.size(), freeK = 5 * arms.size();
    double jointAic = aic(n, jointRss, jointK);
    Double jointAicc = aicc(n, jointRss, jointK);
    if (arms.size() == 1) {
      return new FitSummary.Selection(
          jointAic, null, jointAicc, null, "joint", "one arm: the two models are the same");
    }
    if (!allOwn) {
      return new FitSummary.Selection(
          jointAic,
          null,
          jointAicc,
          null,
          "joint",
          "not every arm has points enough for a fit of its own");
    }
    double freeAic = aic(n, freeRss, freeK);
    Double freeAicc = aicc(n, freeRss, freeK);
    if (jointAicc == null || freeAicc == null) {
      return new FitSummary.Selection(
          jointAic,
          freeAic,
          jointAicc,
          freeAicc,
          "joint",
          n
              + " points are too few to compare "
              + freeK
              + " parameters with "
              + jointK
              + " (AICc needs more points than parameters + 1)");
    }
    boolean joint1 = jointAicc <= freeAicc;
    return new FitSummary.Selection(
        jointAic,
        freeAic,
        jointAicc,
        freeAicc,
        joint1 ? "joint" : "free",
        joint1
            ? "the arms share exponents: one B per arm explains the points as well, with fewer parameters"
            : "the arms' exponents differ: read the per-budget multipliers, not the joint one");
  }

  static double aic(int n, double rss, int k) {
    return n * Math.log(Math.max(rss, 1e-300) / n) + 2 * k;
  }

  /** AICc, or null when the correction is undefined (n <= k + 1). */
  static Double aicc(int n, double rss, int k) {
    if (n <= k + 1) return null;
    return aic(n, rss, k) + 2.0 * k * (k + 1) / (n - k - 1);
  }
}
