package dev.sluice.quality.model;

import java.util.List;

/**
 * CCNet's head/middle/tail split of documents by their perplexity under a reference language model: head up to
 * the first cutoff (the most reference-like text), middle up to the second, tail above it. CCNet cuts at the 30th
 * and 60th percentiles of each language's perplexities; the cutoffs here are bins of {@link
 * QuantileBins#perplexity()}.
 */
public final class PerplexityBuckets {
  public static final String HEAD = "head";
  public static final String MIDDLE = "middle";
  public static final String TAIL = "tail";
  public static final List<String> NAMES = List.of(HEAD, MIDDLE, TAIL);

  private PerplexityBuckets() {}

  /** The bucket of a document in perplexity bin {@code bin}, for cutoff bins {@code headBin <= middleBin}. */
  public static String of(int bin, int headBin, int middleBin) {
    if (headBin > middleBin) {
      throw new IllegalArgumentException(
          "cutoff bins out of order: " + headBin + " > " + middleBin);
    }
    return bin <= headBin ? HEAD : bin <= middleBin ? MIDDLE : TAIL;
  }
}
