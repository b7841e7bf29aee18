package dev.sluice.quality.model;

import java.io.Serializable;

/**
 * Fixed, fine bins over a value range, for quantiles of a whole run that every runner computes alike: each worker
 * counts its documents per bin, the counts add up in any order, and a threshold is read off the totals (a sort of
 * every score, or sampling, would either collect the corpus or depend on the order of the merge). A threshold is
 * exact to one bin: {@link #classifier()} bins the classifier's logit (ln(p / (1 - p)), which keeps scores near 1
 * apart) at 0.001 over [-20, 20); {@link #perplexity()} bins ln(perplexity) at 0.001 over [0, 20). Values below or
 * above the range count in the end bins.
 */
public record QuantileBins(double lo, double hi, int perUnit) implements Serializable {

  public static QuantileBins classifier() {
    return new QuantileBins(-20, 20, 1000);
  }

  public static QuantileBins perplexity() {
    return new QuantileBins(0, 20, 1000);
  }

  public int size() {
    return (int) Math.round((hi - lo) * perUnit);
  }

  /** The bin of a classifier score in (0, 1), by its logit. */
  public int scoreBin(double p) {
    return bin(Math.log(p) - Math.log1p(-p));
  }

  /** The bin of a perplexity (> 0), by its natural log. */
  public int perplexityBin(double perplexity) {
    return bin(Math.log(perplexity));
  }

  public int bin(double x) {
    if (Double.isNaN(x)) throw new IllegalArgumentException("NaN has no bin");
    double b = Math.floor((x - lo) * perUnit);
    return (int) Math.max(0, Math.min(size() - 1, b));
  }

  /** The lower edge of bin {@code b} on the binned scale (a logit or a log perplexity). */
  public double lowerEdge(int b) {
    return lo + (double) b / perUnit;
  }

  /**
   * The threshold bin of the top {@code fraction}: the highest bin b whose documents and those above it number at
   * least ceil(fraction × total). Keeping every document in bin b or above keeps at least that share, and more
   * only by documents whose values share bin b. 0 with no documents.
   */
  public static int topBin(long[] counts, double fraction) {
    long total = 0;
    for (long c : counts) total += c;
    long want = (long) Math.ceil(fraction * total);
    long above = 0;
    for (int b = counts.length - 1; b >= 0; b--) {
      above += counts[b];
      if (above >= want && want > 0) return b;
    }
    return 0;
  }

  /**
   * The bin where the running count from the bottom first reaches ceil(p × total): documents in it and below make
   * at least a share p. The last bin with no documents.
   */
  public static int percentileBin(long[] counts, double p) {
    long total = 0;
    for (long c : counts) total += c;
    long want = Math.max(1, (long) Math.ceil(p * total));
    long below = 0;
    for (int b = 0; b < counts.length; b++) {
      below += counts[b];
      if (below >= want) return b;
    }
    return counts.length - 1;
  }
}
