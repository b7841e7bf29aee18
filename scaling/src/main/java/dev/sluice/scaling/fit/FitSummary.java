package dev.sluice.scaling.fit;

import java.util.List;
import java.util.Map;

/**
 * Everything the fitter concludes from a set of points, with bootstrap 95% intervals: what {@code sluice fit}
 * writes as JSON and what the scaling report shows.
 *
 * @param points points fitted
 * @param resamples bootstrap resamples behind every interval
 * @param seed the bootstrap's seed
 * @param reference the arm every multiplier is relative to (the first arm)
 * @param arms per arm: its own five-parameter fit when it has points enough, else the joint model's values
 * @param joint the joint model: shared E, A, alpha, beta and one B per arm
 * @param multipliers per arm, the joint model's compute-equivalent multiplier against the reference arm
 * @param perBudget per arm and budget, the multiplier from the arms' own fits (when every arm has one)
 * @param selection which model the points support (AICc on log residuals; lower is better)
 * @param warnings what the reader must know about these numbers (degenerate input, too few points, ...)
 * @param bootstrap per arm, its law refitted on each resample (its own fit's, or the joint model's, as {@code
 *     arms} says): for bands on charts; not written to JSON
 * @param comparisons the joint model's multiplier of one arm against another that is not the reference (a
 *     curriculum against its random-order control), on the same resamples
 */
public record FitSummary(
    int points,
    int resamples,
    long seed,
    String reference,
    Map<String, ArmFit> arms,
    JointFit joint,
    Map<String, Estimate> multipliers,
    List<BudgetMultiplier> perBudget,
    Selection selection,
    List<String> warnings,
    Map<String, List<ScalingLaw>> bootstrap,
    List<Comparison> comparisons) {

  /** The multiplier m = (B_against / B_arm)^(1/beta): {@code arm} at D tokens does what {@code against} does at m D. */
  public record Comparison(String arm, String against, Estimate multiplier) {}

  /** An arm's law. {@code source} is "own" (fitted on its points alone) or "joint". */
  public record ArmFit(
      int points,
      String source,
      Estimate e,
      Estimate a,
      Estimate b,
      Estimate alpha,
      Estimate beta) {
    public ScalingLaw law() {
      return new ScalingLaw(e.value(), a.value(), b.value(), alpha.value(), beta.value());
    }
  }

  public record JointFit(
      Estimate e,
      Estimate a,
      Estimate alpha,
      Estimate beta,
      Map<String, Estimate> b,
      double objective) {}

  /** The compute the reference arm needs to reach the loss {@code arm} reaches at {@code budget}, over budget. */
  public record BudgetMultiplier(String arm, double budget, Estimate multiplier) {}

  /**
   * AIC and AICc of the joint and the per-arm ("free") models, and the one AICc prefers (null: not fitted, or too
   * few points for AICc).
   */
  public record Selection(
      Double jointAic,
      Double freeAic,
      Double jointAicc,
      Double freeAicc,
      String preferred,
      String reason) {}
}
