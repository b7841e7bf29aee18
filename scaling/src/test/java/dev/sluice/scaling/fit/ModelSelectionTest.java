package dev.sluice.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AICc chooses between the joint and the per-arm laws; an arm whose own fit the points cannot identify is not used. */
class ModelSelectionTest {
  @Test
  void aiccPenalisesParametersOnFewPoints() {
    // 20 points, 10 parameters (two arms of their own) against 6 (joint): plain AIC charges 8 for
    // the
    // four extra parameters, AICc 8 + 2*10*11/9 - 2*6*7/13 = 25.98
    double rss = 0.01;
    assertEquals(20 * Math.log(rss / 20) + 12, ModelSelection.aic(20, rss, 6), 1e-12);
    assertEquals(
        ModelSelection.aic(20, rss, 6) + 84.0 / 13, ModelSelection.aicc(20, rss, 6), 1e-12);
    assertEquals(
        ModelSelection.aic(20, rss, 10) + 220.0 / 9, ModelSelection.aicc(20, rss, 10), 1e-12);
    // undefined at n <= k + 1
    assertNull(ModelSelection.aicc(11, rss, 10));
  }

  @Test
  void anOwnFitAtAnEdgeFallsBackToTheJointModel() {
    // arm "nodata": its loss does not fall with N at all, so its own fit puts alpha (or A) at the
    // edge;
    // its per-budget multipliers were computed from that law anyway, with no warning
    List<Point> pts = new ArrayList<>();
    Random rnd = new Random(9);
    ScalingLaw truth = SyntheticFitTest.TRUTH;
    for (double c : new double[] {1e12, 4e12, 1.6e13, 6.4e13})
      for (double n : new double[] {1e4, 4e4, 1.6e5}) {
        double d = c / (6 * n);
        double noise = Math.exp(0.003 * rnd.nextGaussian());
        pts.add(new Point("raw", n, d, truth.loss(n, d) * noise, 0, c));
        pts.add(
            new Point(
                "nodata", n, d, (truth.e() + truth.b() / Math.pow(d, truth.beta())) * noise, 0, c));
      }
    FitSummary f = ScalingFits.fit(pts, 50, 3);
    assertEquals("own", f.arms().get("raw").source());
    assertEquals("joint", f.arms().get("nodata").source(), f.warnings().toString());
    assertTrue(
        f.warnings().stream()
            .anyMatch(
                w -> w.startsWith("arm nodata: its own fit ran into the edge of the search range")),
        f.warnings().toString());
    assertTrue(f.perBudget().isEmpty(), f.perBudget().toString());
    assertEquals("joint", f.selection().preferred());
  }
}
