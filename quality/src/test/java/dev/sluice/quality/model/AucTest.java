package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AucTest {
  @Test
  void countsPairsInOrderAndTiesAsHalf() {
    boolean[] y = {false, false, true, true};
    assertEquals(1.0, Auc.of(new double[] {0.1, 0.2, 0.8, 0.9}, y));
    assertEquals(0.0, Auc.of(new double[] {0.9, 0.8, 0.2, 0.1}, y));
    assertEquals(0.5, Auc.of(new double[] {0.5, 0.5, 0.5, 0.5}, y));
    // pairs (pos, neg): (0.3 vs 0.1 ok, 0.3 vs 0.4 no, 0.4 vs 0.1 ok, 0.4 vs 0.4 tie) = 2.5 of 4
    assertEquals(0.625, Auc.of(new double[] {0.1, 0.4, 0.3, 0.4}, y));
    assertTrue(Double.isNaN(Auc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})));
  }

  @Test
  void matchesThePairCountOnRandomScores() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    int n = 300;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextBoolean();
      s[i] = Math.round(r.nextGaussian() * 4 + (y[i] ? 2 : 0)) / 4.0; // with ties
    }
    double pairs = 0;
    long total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] && !y[j]) {
          total++;
          pairs += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(pairs / total, Auc.of(s, y), 1e-12, "seed " + seed);
  }

  @Test
  void bootstrapIntervalCoversTheEstimateAndIsReproducible() {
    Random r = new Random(3);
    int n = 400;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i / 4;
      y[i] = (i / 4) % 2 == 0;
      s[i] = r.nextGaussian() + (y[i] ? 1 : 0);
    }
    Auc.Interval a = Auc.bootstrap(s, y, group, 500, 0.95, 11);
    double auc = Auc.of(s, y);
    assertTrue(a.lo() < auc && auc < a.hi(), a + " around " + auc);
    assertTrue(a.hi() - a.lo() < 0.2 && a.hi() - a.lo() > 0.02, a.toString());
    assertEquals(a, Auc.bootstrap(s, y, group, 500, 0.95, 11));
  }
}
