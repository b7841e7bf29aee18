package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void seedingIsPinnedSoEveryJvmDrawsTheSame() {
    // Pure integer arithmetic and xxHash3 of UTF-8 bytes: these values may never change, or every
    // recipe's augmented output changes with them.
    assertEquals(2569597695410943794L, Rng.idHash("moby-1"));
    Rng r = Rng.forOp(42, Rng.idHash("moby-1"), 1, 0);
    assertEquals(-8590642693048970655L, r.nextLong());
    assertEquals(15, r.nextInt(100));
    assertEquals(2, r.failuresBeforeSuccess(0.25));
  }

  @Test
  void everyPartOfTheSeedMovesTheStream() {
    long id = Rng.idHash("doc");
    long base = Rng.forOp(1, id, 1, 0).nextLong();
    assertNotEquals(base, Rng.forOp(2, id, 1, 0).nextLong());
    assertNotEquals(base, Rng.forOp(1, Rng.idHash("doc2"), 1, 0).nextLong());
    assertNotEquals(base, Rng.forOp(1, id, 2, 0).nextLong());
    assertNotEquals(base, Rng.forOp(1, id, 1, 1).nextLong());
  }

  @Test
  void nextIntIsUniformAndInRange() {
    Rng r = new Rng(7);
    int[] counts = new int[7];
    int n = 70_000;
    for (int i = 0; i < n; i++) counts[r.nextInt(7)]++;
    for (int c : counts) assertEquals(n / 7.0, c, 5 * Math.sqrt(n / 7.0)); // 5 sigma
  }

  @Test
  void geometricGapsHaveTheirMean() {
    Rng r = new Rng(11);
    for (double p : new double[] {0.02, 0.1, 1.0 / 3, 0.9}) {
      long sum = 0;
      int n = 50_000;
      for (int i = 0; i < n; i++) sum += r.failuresBeforeSuccess(p);
      double mean = (1 - p) / p;
      double sd = Math.sqrt((1 - p) / (p * p) / n);
      assertEquals(mean, sum / (double) n, 5 * sd + 1e-9, "p=" + p);
    }
    assertEquals(0, r.failuresBeforeSuccess(1.0));
    assertEquals(Integer.MAX_VALUE, r.failuresBeforeSuccess(0.0));
    assertTrue(r.failuresBeforeSuccess(1e-300) > 1_000_000);
  }
}
