package dev.sluice.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Points drawn from known laws plus noise: the bootstrap intervals cover the truth at about their nominal rate,
 * and the joint model recovers a planted multiplier within its interval.
 */
class SyntheticFitTest {
  static final ScalingLaw TRUTH = new ScalingLaw(1.2, 40, 900, 0.34, 0.36);
  static final double NOISE = 0.01; // 1% multiplicative, about the seed noise of small runs

  /** A 4 x 4 grid of sizes and token counts for each arm; arm k's B is TRUTH's B / m_k^beta. */
  static List<Point> draw(long seed, double... multipliers) {
    Random rnd = new Random(seed);
    List<Point> out = new ArrayList<>();
    for (int k = 0; k < multipliers.length; k++) {
      double b = TRUTH.b() / Math.pow(multipliers[k], TRUTH.beta());
      ScalingLaw law = new ScalingLaw(TRUTH.e(), TRUTH.a(), b, TRUTH.alpha(), TRUTH.beta());
      for (double n : new double[] {1e4, 4e4, 1.6e5, 6.4e5})
        for (double d : new double[] {1e6, 4e6, 1.6e7, 6.4e7}) {
          double loss = law.loss(n, d) * Math.exp(NOISE * rnd.nextGaussian());
          out.add(new Point("arm" + k, n, d, loss, 0, 6 * n * d));
        }
    }
    return out;
  }

  @Test
  void intervalsCoverTheTruthAtAboutTheirNominalRate() {
    int seeds = 40;
    int covered = 0, total = 0;
    for (int s = 0; s < seeds; s++) {
      FitSummary f = ScalingFits.fit(draw(1000 + s, 1), 200, s);
      FitSummary.ArmFit a = f.arms().get("arm0");
      for (boolean c :
          new boolean[] {
            a.e().covers(TRUTH.e()),
            a.alpha().covers(TRUTH.alpha()),
            a.beta().covers(TRUTH.beta()),
            a.a().covers(TRUTH.a()),
            a.b().covers(TRUTH.b())
          }) {
        total++;
        if (c) covered++;
      }
    }
    double rate = covered / (double) total;
    // 200 intervals: a true 95% rate lands in [0.88, 0.99] with overwhelming probability
    assertTrue(rate >= 0.85 && rate <= 1.0, "coverage " + rate);
  }

  @Test
  void jointModelRecoversAPlantedMultiplier() {
    FitSummary f = ScalingFits.fit(draw(7, 1, 2), 300, 3);
    Estimate m = f.multipliers().get("arm1");
    assertTrue(m.covers(2.0), "planted 2x, got " + m);
    assertTrue(m.ciLow() > 1.0, "a 2x step is shown to help: " + m);
    assertEquals("joint", f.selection().preferred(), f.selection().toString());
    for (FitSummary.BudgetMultiplier b : f.perBudget()) {
      assertTrue(
          b.multiplier().ciLow() < 2.0 * 1.5 && b.multiplier().ciHigh() > 2.0 / 1.5, b.toString());
    }
  }

  @Test
  void armsAreComparedWithTheirControlOnTheSameResamples() {
    // arm1: a curriculum worth 3x raw; arm2: its control, worth 2x raw; so 1.5x against the control
    FitSummary f = ScalingFits.fit(draw(21, 1, 3, 2), 300, 4, java.util.Map.of("arm1", "arm2"));
    assertEquals(1, f.comparisons().size());
    FitSummary.Comparison c = f.comparisons().get(0);
    assertEquals("arm1", c.arm());
    assertEquals("arm2", c.against());
    assertTrue(c.multiplier().covers(1.5), "planted 1.5x against the control, got " + c);
    assertTrue(c.multiplier().ciLow() > 1.0, c.toString());
    // against the reference the curriculum looks bigger: the control is what isolates the order
    assertTrue(f.multipliers().get("arm1").covers(3.0), f.multipliers().toString());
    // a control equal to its arm is not shown to help
    FitSummary same = ScalingFits.fit(draw(22, 1, 2, 2), 300, 4, java.util.Map.of("arm1", "arm2"));
    assertTrue(same.comparisons().get(0).multiplier().covers(1.0), same.comparisons().toString());
  }

  @Test
  void aStepThatDoesNothingIsNotShownToHelp() {
    FitSummary f = ScalingFits.fit(draw(11, 1, 1), 300, 5);
    Estimate m = f.multipliers().get("arm1");
    assertTrue(m.covers(1.0), "no effect planted, got " + m);
  }

  @Test
  void flatLossIsSaidToHaveNoScalingSignal() {
    List<Point> flat = new ArrayList<>();
    for (double n : new double[] {1e4, 1e5, 1e6, 1e7})
      for (double d : new double[] {1e6, 1e7, 1e8, 1e9}) flat.add(Point.of("raw", n, d, 2.5));
    FitSummary f = ScalingFits.fit(flat, 50, 1);
    assertTrue(
        f.warnings().stream().anyMatch(w -> w.contains("no scaling signal")),
        f.warnings().toString());
    assertTrue(Double.isNaN(f.multipliers().get("raw").value()));
    // no parameter is estimated: alpha and beta end at 0, and then E, A and B are one constant
    // split anyhow (they had zero-width intervals: every resample started where the full fit ended)
    FitSummary.ArmFit a = f.arms().get("raw");
    for (Estimate e :
        List.of(
            f.joint().e(),
            f.joint().a(),
            f.joint().alpha(),
            f.joint().beta(),
            f.joint().b().get("raw"),
            a.e(),
            a.a(),
            a.b(),
            a.alpha(),
            a.beta())) {
      assertNull(e.ciLow(), f.toString());
    }
  }

  /** A fit ending at theta = {log E, log A, alpha, beta, log B per arm}. */
  static LawFitter.Joint endingAt(List<String> arms, double... theta) {
    return LawFitter.joint(arms, new Minimizer.Solution(theta, 0));
  }

  @Test
  void anExponentAtAnEdgeTakesItsTermWithIt() {
    // alpha = 0: A / N^0 is a constant next to E; beta > 0 and B are estimated
    List<String> one = List.of("raw"), two = List.of("raw", "clean");
    assertEquals(
        List.of("E", "A", "alpha"), FitEdges.unidentified(endingAt(one, 0, 3, 0, 0.3, 6.8)));
    // log A at -50: the N term is nothing, so alpha is not estimated either; E is
    assertEquals(
        List.of("A", "alpha"), FitEdges.unidentified(endingAt(one, 0, -50, 0.4, 0.3, 6.8)));
    // beta at 10: every B goes with it, and with them the multipliers
    assertEquals(
        List.of("beta", "B[raw]", "B[clean]"),
        FitEdges.unidentified(endingAt(two, 0, 3, 0.4, 10, 6.8, 6.0)));
    // one arm's B at an edge: beta is still estimated from the other arm
    assertEquals(
        List.of("B[clean]"), FitEdges.unidentified(endingAt(two, 0, 3, 0.4, 0.3, 6.8, -50)));
  }

  @Test
  void tooFewPointsForTheBootstrapGiveNoIntervals() {
    // six points for five parameters: almost no resample draws six distinct ones, so the
    // resampled fits were the optimiser's guesses and the intervals meant nothing
    List<Point> six = new ArrayList<>();
    Random rnd = new Random(5);
    for (double[] nd :
        new double[][] {{1e4, 1e6}, {1e4, 1e8}, {1e5, 1e7}, {1e6, 1e6}, {1e6, 1e8}, {1e5, 1e9}}) {
      six.add(
          Point.of(
              "raw",
              nd[0],
              nd[1],
              TRUTH.loss(nd[0], nd[1]) * Math.exp(NOISE * rnd.nextGaussian())));
    }
    FitSummary f = ScalingFits.fit(six, 100, 1);
    assertTrue(
        f.warnings().stream().anyMatch(w -> w.contains("resamples hold points enough")),
        f.warnings().toString());
    assertNull(f.arms().get("raw").alpha().ciLow());
    assertNull(f.joint().beta().ciLow());
  }

  @Test
  void rowsEnteredTwiceDoNotNarrowTheIntervals() {
    List<Point> once = draw(31, 1);
    List<Point> twice = new ArrayList<>(once);
    twice.addAll(once);
    FitSummary a = ScalingFits.fit(once, 100, 2), b = ScalingFits.fit(twice, 100, 2);
    assertEquals(a.arms().get("arm0").alpha(), b.arms().get("arm0").alpha());
    assertEquals(a.arms().get("arm0").b(), b.arms().get("arm0").b());
    assertTrue(
        b.warnings().get(0).startsWith("16 row(s) repeat another row exactly"),
        b.warnings().toString());
  }

  @Test
  void repeatedSeedsFallBackToTheJointModelInsteadOfFailing() {
    // two arms, 2 sizes x 2 token counts x 2 seeds: 8 rows but 4 distinct points per arm, too few
    // for an arm of its own; together (8 distinct) they fit
    List<Point> pts = new ArrayList<>();
    Random rnd = new Random(3);
    for (String arm : List.of("raw", "clean"))
      for (double n : new double[] {1e5, 1e6})
        for (double d : new double[] {1e7, 1e8})
          for (int seed = 0; seed < 2; seed++) {
            double loss =
                1.7
                    + 400 / Math.pow(n, 0.34)
                    + (arm.equals("raw") ? 2000 : 1500) / Math.pow(d, 0.28);
            pts.add(Point.of(arm, n, d, loss * (1 + 0.002 * rnd.nextGaussian())));
          }
    FitSummary f = ScalingFits.fit(pts, 20, 1);
    assertEquals("joint", f.arms().get("clean").source());
    assertTrue(f.warnings().toString().contains("distinct"), f.warnings().toString());
  }

  @Test
  void repeatedRowsDoNotCountAsPoints() {
    List<Point> dup = new ArrayList<>();
    for (int copy = 0; copy < 4; copy++) {
      dup.add(Point.of("raw", 1e4, 1e6, 4.0));
      dup.add(Point.of("raw", 1e5, 1e7, 3.5));
      dup.add(Point.of("raw", 1e6, 1e8, 3.1));
    }
    FitException e = assertThrows(FitException.class, () -> ScalingFits.fit(dup, 10, 1));
    assertTrue(e.getMessage().contains("3 points cannot fit"), e.getMessage());
    assertTrue(e.getMessage().contains("9 row(s) repeat another row exactly"), e.getMessage());
    // the same (arm, N, D) at other losses (seeds) are measurements, but not new points
    List<Point> seeds = new ArrayList<>();
    for (int copy = 0; copy < 4; copy++) {
      seeds.add(new Point("raw", 1e4, 1e6, 4.0 + copy * 0.01, copy, 6e10));
      seeds.add(new Point("raw", 1e5, 1e7, 3.5 + copy * 0.01, copy, 6e12));
      seeds.add(new Point("raw", 1e6, 1e8, 3.1 + copy * 0.01, copy, 6e14));
    }
    e = assertThrows(FitException.class, () -> ScalingFits.fit(seeds, 10, 1));
    assertTrue(e.getMessage().contains("3 distinct (arm, N, D) points"), e.getMessage());
  }

  @Test
  void bootstrapResamplesAreIndependentWhateverTheSeed() {
    // seed ^ (golden * (i + 1)) made resample i's stream resample i+1's shifted by one draw at seed
    // 0
    List<int[]> byArm = List.of(java.util.stream.IntStream.range(0, 240).toArray());
    for (long seed : new long[] {0, 1, 2, 7}) {
      double shared = 0;
      for (int i = 0; i < 200; i++) {
        int[] a = Bootstrap.weights(240, byArm, seed, i);
        int[] b = Bootstrap.weights(240, byArm, seed, i + 1);
        for (int k = 0; k < 240; k++) shared += Math.min(a[k], b[k]);
      }
      shared /= 200;
      // two independent resamples of 240 share ~240 (1 - ...) ~ 113 draws on average
      assertTrue(shared > 100 && shared < 126, "seed " + seed + ": " + shared + " draws shared");
    }
  }
}
