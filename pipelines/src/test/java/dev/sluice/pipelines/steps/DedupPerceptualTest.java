package dev.sluice.pipelines.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.quality.image.PerceptualHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A band group's verified pairs as a spanning forest: the same components, the same paired members, as every
 * verified pair gives, with one pair fewer than members per part.
 */
class DedupPerceptualTest {
  /** Components of members 0..k-1 under the given edges, as a root per member (the least member of its part). */
  private static int[] components(int k, List<int[]> edges) {
    int[] root = new int[k];
    for (int i = 0; i < k; i++) root[i] = i;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int[] e : edges) {
        int m = Math.min(root[e[0]], root[e[1]]);
        if (root[e[0]] != m || root[e[1]] != m) {
          root[e[0]] = root[e[1]] = m;
          changed = true;
        }
      }
    }
    return root;
  }

  @Test
  void theSpanningPairsConnectWhatEveryVerifiedPairConnects() {
    Random random = new Random(5);
    for (int round = 0; round < 2_000; round++) {
      int k = 2 + random.nextInt(40);
      int threshold = random.nextInt(12);
      // hashes near a few centres: groups with dense, sparse and no verified pairs
      long[] centres = {random.nextLong(), random.nextLong(), random.nextLong()};
      long[] h = new long[k];
      for (int i = 0; i < k; i++) {
        long x = centres[random.nextInt(centres.length)];
        for (int f = random.nextInt(10); f > 0; f--) x ^= 1L << random.nextInt(64);
        h[i] = x;
      }
      List<int[]> all = new ArrayList<>();
      boolean[] pairedAll = new boolean[k];
      for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++)
          if (PerceptualHash.hamming(h[i], h[j]) <= threshold) {
            all.add(new int[] {i, j});
            pairedAll[i] = pairedAll[j] = true;
          }
      List<int[]> forest = new ArrayList<>();
      boolean[] paired =
          DedupPerceptual.PairsFn.spanningPairs(
              k,
              (i, j) -> PerceptualHash.hamming(h[i], h[j]) <= threshold,
              (i, j) -> forest.add(new int[] {i, j}));
      int[] expected = components(k, all);
      assertArrayEquals(expected, components(k, forest), "round " + round);
      assertArrayEquals(pairedAll, paired, "round " + round);
      long parts = java.util.Arrays.stream(expected).distinct().count();
      assertEquals(k - parts, forest.size(), "one pair fewer than members per part");
      for (int[] e : forest) assertEquals(true, e[0] < e[1], "members in id order");
    }
  }
}
