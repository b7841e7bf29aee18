package dev.sluice.augment.text;

/**
 * EDA's random swap (RS; Wei and Zou 2019): n = max(1, round(α·l)) times, two different random word positions swap
 * their words. Only the words move; the gaps between them (spaces, punctuation, line breaks) stay where they were.
 * Needs two words; a result equal to the input (two equal words swapped) counts as unchanged.
 */
final class RandomSwap implements TextOp {
  private final double alpha;

  RandomSwap(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "swap";
  }

  @Override
  public String apply(String text, Rng rng) {
    WordSpans w = WordSpans.of(text);
    int l = w.count;
    if (l < 2) return text;
    int n = TextOp.edits(alpha, l);
    int[] at = new int[l];
    for (int i = 0; i < l; i++) at[i] = i;
    for (int k = 0; k < n; k++) {
      int i = rng.nextInt(l);
      int j = rng.nextInt(l - 1);
      if (j >= i) j++;
      int t = at[i];
      at[i] = at[j];
      at[j] = t;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int prevEnd = 0;
    boolean same = true;
    for (int p = 0; p < l; p++) {
      int q = at[p];
      sb.append(text, prevEnd, w.starts[p]).append(text, w.starts[q], w.ends[q]);
      if (same && q != p) {
        int len = w.ends[q] - w.starts[q];
        same =
            len == w.ends[p] - w.starts[p]
                && text.regionMatches(w.starts[p], text, w.starts[q], len);
      }
      prevEnd = w.ends[p];
    }
    if (same) return text;
    return sb.append(text, prevEnd, text.length()).toString();
  }
}
