package dev.sluice.augment.text;

/**
 * EDA's random deletion (RD; Wei and Zou 2019): each word is deleted with probability p, together with one adjacent
 * run of spaces ({@link Deletions}), so punctuation and line breaks stay and no double space appears. When every word
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
  public String apply(String text, Rng rng) {
    WordSpans w = WordSpans.of(text);
    int l = w.count;
    if (l == 0) return text;
    boolean[] gone = new boolean[l];
    int deleted = 0;
    for (int i = 0; i < l; i++) {
      if (rng.chance(p)) {
        gone[i] = true;
        deleted++;
      }
    }
    if (deleted == l) {
      gone[rng.nextInt(l)] = false;
      deleted--;
    }
    if (deleted == 0) return text;
    int[] starts = new int[deleted];
    int[] ends = new int[deleted];
    int r = 0;
    for (int i = 0; i < l; i++) {
      if (gone[i]) {
        starts[r] = w.starts[i];
        ends[r++] = w.ends[i];
      }
    }
    return Deletions.remove(text, starts, ends, deleted);
  }
}
