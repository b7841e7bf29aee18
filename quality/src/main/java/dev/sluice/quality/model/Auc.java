package dev.sluice.quality.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The area under the ROC curve of scores against binary labels (the Mann-Whitney U statistic over all
 * positive-negative pairs, ties counting one half), and a percentile bootstrap confidence interval that resamples
 * whole documents (a document's passages are not independent of each other, so resampling passages would
 * understate the uncertainty).
 */
public final class Auc {
  private Auc() {}

  /** NaN when either class is empty. */
  public static double of(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
      double midRank = (i + j) / 2.0 + 1; // 1-based mid-rank of the tie group
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPos += midRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) return Double.NaN;
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** A two-sided percentile interval: {@code [lo, hi]} at {@code level} (e.g. 0.95). */
  public record Interval(double lo, double hi, int resamples, double level) {}

  /**
   * Resamples the groups ({@code group[i]}: the document of example i, 0..groups-1) with replacement {@code
   * resamples} times with a generator seeded by {@code seed}; resamples with one class missing are skipped.
   */
  public static Interval bootstrap(
      double[] scores, boolean[] positive, int[] group, int resamples, double level, long seed) {
    int groups = 0;
    for (int g : group) groups = Math.max(groups, g + 1);
    int[][] members = new int[groups][];
    int[] sizes = new int[groups];
    for (int g : group) sizes[g]++;
    for (int g = 0; g < groups; g++) members[g] = new int[sizes[g]];
    Arrays.fill(sizes, 0);
    for (int i = 0; i < group.length; i++) members[group[i]][sizes[group[i]]++] = i;
    SplittableRandom random = new SplittableRandom(seed);
    double[] aucs = new double[resamples];
    int kept = 0;
    for (int r = 0; r < resamples; r++) {
      int total = 0;
      int[] picks = new int[groups];
      for (int k = 0; k < groups; k++) {
        picks[k] = random.nextInt(groups);
        total += members[picks[k]].length;
      }
      double[] s = new double[total];
      boolean[] p = new boolean[total];
      int at = 0;
      for (int g : picks) {
        for (int i : members[g]) {
          s[at] = scores[i];
          p[at++] = positive[i];
        }
      }
      double a = of(s, p);
      if (!Double.isNaN(a)) aucs[kept++] = a;
    }
    if (kept == 0) return new Interval(Double.NaN, Double.NaN, 0, level);
    double[] sorted = Arrays.copyOf(aucs, kept);
    Arrays.sort(sorted);
    double tail = (1 - level) / 2;
    return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail), kept, level);
  }

  static double quantile(double[] sorted, double q) {
    int i = (int) Math.floor(q * (sorted.length - 1));
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
