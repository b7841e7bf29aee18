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
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    if (l < 2) return false;
    int n = TextOp.edits(alpha, l);
    int[] at = d.scratch.ints(l);
    for (int i = 0; i < l; i++) at[i] = i;
    int[] touched = new int[2 * n];
    for (int k = 0; k < n; k++) {
      int i = rng.nextInt(l);
      int j = rng.nextInt(l - 1);
      if (j >= i) j++;
      int t = at[i];
      at[i] = at[j];
      at[j] = t;
      touched[2 * k] = i;
      touched[2 * k + 1] = j;
    }
    // only touched positions can have moved: look at those, not at every word
    boolean[] seen = d.scratch.flags(l);
    int moved = 0;
    boolean same = true;
    for (int p : touched) {
      if (seen[p] || at[p] == p) continue;
      seen[p] = true;
      touched[moved++] = p;
      same &= d.sameWord(p, at[p]);
    }
    if (same) return false;
    d.moveWords(at, touched, moved);
    return true;
  }
}
