package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantileBinsTest {
  @Test
  void binsByLogitAndLogPerplexityWithEndBinsForOutliers() {
    QuantileBins c = QuantileBins.classifier();
    assertEquals(40_000, c.size());
    assertEquals(20_000, c.scoreBin(0.5));
    assertTrue(c.scoreBin(0.999999) > c.scoreBin(0.9999), "scores near 1 stay apart");
    assertEquals(c.size() - 1, c.scoreBin(1.0));
    assertEquals(0, c.scoreBin(0.0));
    QuantileBins p = QuantileBins.perplexity();
    assertEquals(0, p.perplexityBin(1.0));
    assertEquals(p.bin(Math.log(4.0)), p.perplexityBin(4.0));
    assertEquals(p.size() - 1, p.perplexityBin(1e12));
    assertEquals(Math.log(4.0), p.lowerEdge(p.perplexityBin(4.0)), 1e-3);
  }

  @Test
  void topBinKeepsAtLeastTheFractionAndOnlyTiesMore() {
    long[] counts = new long[10];
    for (int b = 0; b < 10; b++) counts[b] = 10; // 100 documents, 10 per bin
    assertEquals(7, QuantileBins.topBin(counts, 0.3)); // bins 7..9: exactly 30
    assertEquals(7, QuantileBins.topBin(counts, 0.25)); // 25 wanted: bins 7..9 (30), ties in bin 7
    assertEquals(9, QuantileBins.topBin(counts, 0.01));
    assertEquals(0, QuantileBins.topBin(counts, 1.0));
    assertEquals(0, QuantileBins.topBin(new long[10], 0.5));
  }

  @Test
  void percentileBinIsWhereTheRunningCountReachesTheShare() {
    long[] counts = {0, 3, 0, 3, 4};
    assertEquals(1, QuantileBins.percentileBin(counts, 0.3)); // 3 of 10
    assertEquals(3, QuantileBins.percentileBin(counts, 0.31));
    assertEquals(3, QuantileBins.percentileBin(counts, 0.6));
    assertEquals(4, QuantileBins.percentileBin(counts, 0.61));
    assertEquals(4, QuantileBins.percentileBin(new long[5], 0.3));
  }

  @Test
  void bucketsFollowTheCutoffs() {
    assertEquals("head", PerplexityBuckets.of(5, 5, 9));
    assertEquals("middle", PerplexityBuckets.of(6, 5, 9));
    assertEquals("middle", PerplexityBuckets.of(9, 5, 9));
    assertEquals("tail", PerplexityBuckets.of(10, 5, 9));
  }
}
