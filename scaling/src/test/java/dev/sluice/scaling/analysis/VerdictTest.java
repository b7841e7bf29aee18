package dev.sluice.scaling.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.scaling.fit.Estimate;
import dev.sluice.scaling.fit.FitJson;
import dev.sluice.scaling.fit.FitSummary;
import dev.sluice.scaling.fit.Point;
import dev.sluice.scaling.fit.ScalingLaw;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict reads multipliers the way they are meant, an unbounded one included. */
class VerdictTest {
  static final ScalingLaw LAW = new ScalingLaw(1.0, 40, 900, 0.34, 0.36);

  static Estimate est(double v, double lo, double hi) {
    return new Estimate(v, lo, hi);
  }

  /** Two arms whose own laws differ (AICc prefers them), with the given multiplier at the largest budget. */
  static FitSummary fit(Estimate atLargest) {
    Estimate one = est(1, 1, 1);
    FitSummary.ArmFit arm =
        new FitSummary.ArmFit(
            9,
            "own",
            est(1, 0.9, 1.1),
            est(40, 30, 50),
            est(900, 800, 1e3),
            est(0.34, 0.3, 0.4),
            est(0.36, 0.3, 0.4));
    Map<String, FitSummary.ArmFit> arms = new LinkedHashMap<>();
    arms.put("raw", arm);
    arms.put("clean", arm);
    Map<String, Estimate> joint = new LinkedHashMap<>();
    joint.put("raw", one);
    joint.put("clean", est(1.1, 0.8, 1.5));
    return new FitSummary(
        18,
        200,
        0,
        "raw",
        arms,
        new FitSummary.JointFit(one, one, one, one, Map.of("raw", one, "clean", one), 0),
        joint,
        List.of(
            new FitSummary.BudgetMultiplier("clean", 1e13, est(1.2, 0.9, 1.4)),
            new FitSummary.BudgetMultiplier("clean", 1.6e14, atLargest)),
        new FitSummary.Selection(-50.0, -60.0, -40.0, -45.0, "free", "differ"),
        List.of(),
        Map.of(),
        List.of());
  }

  static List<Point> points() {
    return List.of(
        new Point("raw", 1e5, 1e7, 3, 0, 1e13), new Point("raw", 1e6, 2.7e7, 2.5, 0, 1.6e14));
  }

  @Test
  void anUnboundedMultiplierIsTheLargestNotSkipped() {
    // the reference's law never reaches the loss "clean" reaches: it was skipped as not finite,
    // and the verdict recommended the reference
    List<String> v =
        Verdict.of(fit(est(Double.POSITIVE_INFINITY, 12, Double.POSITIVE_INFINITY)), points());
    assertTrue(v.get(0).startsWith("At budget 1.60e+14 FLOPs, spend it on clean"), v.toString());
    assertTrue(
        v.stream()
            .anyMatch(
                s ->
                    s.startsWith("clean reaches a loss raw's law never reaches")
                        && s.contains("12.00x to unbounded")),
        v.toString());
  }

  @Test
  void aFiniteMultiplierReadsAsBefore() {
    List<String> v = Verdict.of(fit(est(2.5, 1.5, 4)), points());
    assertTrue(v.get(0).startsWith("At budget 1.60e+14 FLOPs, spend it on clean"), v.toString());
    assertTrue(
        v.contains(
            "clean is worth 2.50x the compute of raw (95% CI 1.50-4.00x): the same loss as raw"
                + " trained with 2.50x more compute."),
        v.toString());
    v = Verdict.of(fit(est(Double.NaN, 1, 1)), points());
    assertTrue(v.get(0).contains("spend it on raw"), v.toString());
  }

  @Test
  void jsonTellsUnboundedFromMissing() {
    var o = FitJson.JSON.createObjectNode();
    FitJson.put(o, "inf", est(Double.POSITIVE_INFINITY, 12, Double.POSITIVE_INFINITY));
    FitJson.put(o, "nan", new Estimate(Double.NaN, null, null));
    assertTrue(o.path("inf").path("value").isNull());
    assertTrue(o.path("inf").path("unbounded").asBoolean());
    assertEquals(12, o.path("inf").path("ci_low").asDouble());
    assertTrue(o.path("nan").path("value").isNull());
    assertTrue(o.path("nan").path("unbounded").isMissingNode());
  }
}
