package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void recoversTheParametersOfALogisticLink() {
    Random r = new Random(11);
    int n = 40_000;
    double[] z = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      z[i] = r.nextGaussian() * 0.4; // compressed raw log-odds, as an over-regularised model gives
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(6 * z[i] - 0.5)));
    }
    Calibration c = Calibration.platt(z, y);
    assertEquals(6, c.slope(), 0.25, c.toString());
    assertEquals(-0.5, c.intercept(), 0.06, c.toString());
    assertEquals(c, Calibration.platt(z, y), "deterministic");
  }

  @Test
  void perfectlySeparatedDocumentsStillGiveAFiniteFit() {
    double[] z = {-0.3, -0.2, -0.1, 0.1, 0.2, 0.3};
    boolean[] y = {false, false, false, true, true, true};
    Calibration c = Calibration.platt(z, y);
    assertTrue(Double.isFinite(c.slope()) && c.slope() > 0, c.toString());
    // Platt's targets: a positive counts as 4/5, a negative as 1/5, so no probability runs to 0 or
    // 1
    assertTrue(c.probability(0.3) < 0.95 && c.probability(-0.3) > 0.05, c.toString());
    assertTrue(c.probability(0.1) > 0.5 && c.probability(-0.1) < 0.5);
  }

  @Test
  void refusesOneClassOrAReversedRanking() {
    IllegalArgumentException one =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.platt(new double[] {0.1, 0.2}, new boolean[] {true, true}));
    assertTrue(one.getMessage().contains("both classes"), one.getMessage());
    IllegalArgumentException reversed =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Calibration.platt(
                    new double[] {-1, -0.5, 0.5, 1}, new boolean[] {true, true, false, false}));
    assertTrue(reversed.getMessage().contains("does not rank"), reversed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Calibration(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Calibration(1, Double.NaN));
  }

  @Test
  void theIdentityIsThePlainSigmoidBitForBit() {
    for (double z : new double[] {-40, -3.25, -0.0, 0, 1e-9, 0.7, 17}) {
      assertEquals(
          Double.doubleToRawLongBits(1 / (1 + Math.exp(-z))),
          Double.doubleToRawLongBits(Calibration.identity().probability(z)),
          "z = " + z);
    }
  }
}
