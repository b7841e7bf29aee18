package dev.sluice.augment.difficulty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void sortedDropsNaNAndLeavesTheInputAlone() {
    double[] in = {3, Double.NaN, 1, 2, Double.NaN, 1};
    assertArrayEquals(new double[] {1, 1, 2, 3}, Percentiles.sorted(in));
    assertTrue(Double.isNaN(in[1]) && in[0] == 3, "input unchanged");
    assertArrayEquals(new double[0], Percentiles.sorted(new double[] {Double.NaN}));
  }

  @Test
  void tiesGetTheMidRank() {
    double[] s = Percentiles.sorted(new double[] {5, 1, 3, 3, 3, 9});
    assertEquals(0.5 / 6, Percentiles.rank(s, 1), 1e-15);
    assertEquals((1 + 1.5) / 6, Percentiles.rank(s, 3), 1e-15);
    assertEquals((4 + 0.5) / 6, Percentiles.rank(s, 5), 1e-15);
    assertEquals(0.5, Percentiles.rank(Percentiles.sorted(new double[] {7, 7, 7, 7}), 7), 0);
  }

  @Test
  void valuesBetweenAndBeyondTheSample() {
    double[] s = {1, 2, 3, 4};
    assertEquals(0.0, Percentiles.rank(s, 0.5), 0);
    assertEquals(1.0, Percentiles.rank(s, 4.5), 0);
    assertEquals(0.5, Percentiles.rank(s, 2.5), 0);
    assertEquals(0.125, Percentiles.rank(s, 1), 0);
    assertEquals(0.875, Percentiles.rank(s, 4), 0);
    assertEquals(1.0, Percentiles.rank(s, Double.POSITIVE_INFINITY), 0);
    assertEquals(0.5, Percentiles.rank(new double[] {42}, 42), 0);
  }

  @Test
  void nanValueOrEmptySampleGivesNaN() {
    assertTrue(Double.isNaN(Percentiles.rank(new double[] {1, 2}, Double.NaN)));
    assertTrue(Double.isNaN(Percentiles.rank(new double[0], 1)));
  }

  @Test
  void agreesWithCountingOnRandomSamples() {
    long seed = 1234;
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      double[] values = new double[1 + r.nextInt(50)];
      for (int i = 0; i < values.length; i++) values[i] = r.nextInt(10);
      double[] s = Percentiles.sorted(values);
      double v = r.nextInt(12) - 1;
      int below = 0;
      int equal = 0;
      for (double x : values) {
        if (x < v) below++;
        if (x == v) equal++;
      }
      assertEquals(
          (below + 0.5 * equal) / values.length, Percentiles.rank(s, v), 1e-15, "seed " + seed);
    }
  }
}
