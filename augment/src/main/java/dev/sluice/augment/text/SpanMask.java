package dev.sluice.augment.text;

/**
 * Span masking and span deletion over words, after SpanBERT (Joshi et al., "SpanBERT: Improving Pre-training by
 * Representing and Predicting Spans", TACL 2020): spans of geometric length (mean 3 words, unclipped) cover an
 * expected share {@code rate} of the words. Spans are laid down by alternating geometric gaps (mean 3·(1−rate)/rate
 * words, possibly 0) and spans, so the share holds for any rate in (0, 1] with one pass and no rejection. A span
 * never crosses a line break: it is cut there. {@code span_mask} replaces each maximal covered run (its words and the
 * punctuation between them) by one {@value #MASK} token, which later ops treat as one word; {@code span_delete} removes it with one adjacent run of
 * spaces ({@link Deletions}), and like EDA's deletion keeps one random word
 * when it would remove them all.
 */
final class SpanMask implements TextOp {
  static final String MASK = "[MASK]";
  private static final char[] MASK_CHARS = MASK.toCharArray();
  private static final double MEAN_SPAN = 3.0;

  private final double rate;
  private final boolean delete;

  SpanMask(double rate, boolean delete) {
    this.rate = rate;
    this.delete = delete;
  }

  @Override
  public String name() {
    return delete ? "span_delete" : "span_mask";
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    if (l == 0) return false;
    boolean[] covered = d.scratch.flags(l);
    double meanGap = MEAN_SPAN * (1 - rate) / rate;
    double gapStop = 1 / (1 + meanGap); // Geometric on {0, 1, ...} with mean meanGap
    double spanStop = 1 / MEAN_SPAN; // Geometric on {1, 2, ...} with mean MEAN_SPAN
    int i = 0;
    int count = 0;
    while (true) {
      long gap = rng.failuresBeforeSuccess(gapStop);
      if (i + gap >= l) break;
      i += (int) gap;
      long span = 1L + rng.failuresBeforeSuccess(spanStop);
      int end = (int) Math.min(l, i + span);
      for (; i < end; i++) covered[i] = true;
      count++;
      if (i >= l) break;
    }
    if (count == 0) return false;
    if (delete && i >= l && allCovered(covered, l))
      covered[rng.nextInt(l)] = false; // never empty a doc
    if (delete) {
      if (l == 1) return false;
      Cuts.delete(d, covered, l, true);
    } else {
      Cuts.mask(d, covered, l, MASK_CHARS);
    }
    return true;
  }

  private static boolean allCovered(boolean[] covered, int l) {
    for (int i = 0; i < l; i++) if (!covered[i]) return false;
    return true;
  }
}
