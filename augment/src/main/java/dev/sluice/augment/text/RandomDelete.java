package dev.sluice.augment.text;

/**
 * EDA's random deletion (RD; Wei and Zou 2019): each word is deleted with probability p, together with one adjacent
 * run of spaces ({@link Cuts}), so punctuation and line breaks stay and no double space appears. When every word
 * would go, one random word stays (EDA's rule), so a document is never emptied.
 */
final class RandomDelete implements TextOp {
  private final double p;

  RandomDelete(double p) {
    this.p = p;
  }

  @Override
  public String name() {
    return "delete";
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    if (l == 0) return false;
    boolean[] gone = d.scratch.flags(l);
    int deleted = 0;
    long threshold = Rng.threshold(p);
    for (int i = 0; i < l; i++) {
      if (rng.below(threshold)) {
        gone[i] = true;
        deleted++;
      }
    }
    if (deleted == l) {
      gone[rng.nextInt(l)] = false;
      deleted--;
    }
    if (deleted == 0) return false;
    Cuts.delete(d, gone, l, false);
    return true;
  }
}
