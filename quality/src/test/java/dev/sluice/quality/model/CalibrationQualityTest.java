package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationQualityTest {
  @Test
  void brierAndEceOfASmallHandWorkedCase() {
    double[] p = {0.05, 0.15, 0.95, 0.55};
    boolean[] y = {false, true, true, true};
    int[] all = {0, 1, 2, 3};
    // (0.05² + 0.85² + 0.05² + 0.45²) / 4
    assertEquals(
        (0.0025 + 0.7225 + 0.0025 + 0.2025) / 4, CalibrationQuality.brier(p, y, all), 1e-12);
    // bins: [0, 0.1): p 0.05, 0 positive -> 0.05; [0.1, 0.2): 0.15 vs 1 -> 0.85; [0.5, 0.6): 0.55
    // vs 1 -> 0.45;
    // [0.9, 1]: 0.95 vs 1 -> 0.05; weighted by 1/4 each
    assertEquals((0.05 + 0.85 + 0.45 + 0.05) / 4, CalibrationQuality.ece(p, y, all), 1e-12);
  }

  @Test
  void aCalibratedForecasterBeatsACompressedOneAndTheIntervalOfTheChangeSaysSo() {
    Random r = new Random(5);
    int n = 400;
    double[] calibrated = new double[n];
    double[] compressed = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double z = r.nextGaussian() * 3;
      calibrated[i] = 1 / (1 + Math.exp(-z));
      compressed[i] = 1 / (1 + Math.exp(-z / 20)); // every probability near 0.5
      y[i] = r.nextDouble() < calibrated[i];
    }
    CalibrationQuality.Report q = CalibrationQuality.of(compressed, calibrated, y, 500, 1);
    assertEquals(n, q.documents());
    assertTrue(q.ece().value() < 0.08, q.toString());
    assertTrue(q.eceRaw().value() > 0.25, q.toString());
    assertTrue(q.eceChange().hi() < 0 && q.brierChange().hi() < 0, q.toString());
    for (CalibrationQuality.Estimate e :
        new CalibrationQuality.Estimate[] {q.brier(), q.brierRaw(), q.ece(), q.eceRaw()}) {
      assertTrue(e.lo() <= e.value() && e.value() <= e.hi(), e.toString());
    }
    assertEquals(q, CalibrationQuality.of(compressed, calibrated, y, 500, 1), "seeded");
  }
}
