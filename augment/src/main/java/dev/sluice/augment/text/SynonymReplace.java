package dev.sluice.augment.text;

/**
 * EDA's synonym replacement (SR; Wei and Zou, "EDA: Easy Data Augmentation Techniques for Boosting Performance on
 * Text Classification Tasks", EMNLP 2019; github.com/jasonwei20/eda_nlp): n = max(1, round(α·l)) words that are not
 * stop words and have synonyms, taken in a seeded random order, are each replaced by a seeded-random synonym in the
 * replaced word's case. Unlike EDA, which replaces every occurrence of a chosen word, each pick is one occurrence,
 * so n is the number of words changed. Only the words it picks are looked up (a partial Fisher-Yates shuffle).
 */
final class SynonymReplace implements TextOp {
  private final double alpha;
  private final Lexicon lexicon;

  SynonymReplace(double alpha, Lexicon lexicon) {
    this.alpha = alpha;
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return "synonym";
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    if (l == 0) return false;
    int n = TextOp.edits(alpha, l);
    int[] order = d.scratch.ints(l);
    for (int i = 0; i < l; i++) order[i] = i;
    int[] picked = new int[n];
    char[][] replacements = new char[n][];
    int found = 0;
    boolean multiWord = false;
    for (int i = 0; i < l && found < n; i++) {
      int j = i + rng.nextInt(l - i);
      int w = order[j];
      order[j] = order[i];
      order[i] = w;
      char[] c = d.wordBase(w);
      char[][] syns = lexicon.synonyms(c, d.wordFrom(w), d.wordTo(w));
      if (syns == null) continue;
      char[] syn = syns[rng.nextInt(syns.length)];
      char[] r = CasePreserver.apply(CasePreserver.pattern(c, d.wordFrom(w), d.wordTo(w)), syn);
      multiWord |= indexOf(r, ' ') >= 0;
      replacements[found] = r;
      picked[found++] = w;
    }
    if (found == 0) return false;
    if (!multiWord) {
      for (int k = 0; k < found; k++) d.setWord(picked[k], replacements[k]);
      return true;
    }
    // a term of several words becomes several words: lay the segments out again
    int[] byWord = d.scratch.orderBy(picked, found, l);
    DraftBuilder out = d.rebuild();
    out.oldGap(0);
    int kept = 0; // the next old word to copy; the gap before it is already out
    for (int k = 0; k < found; k++) {
      int w = picked[byWord[k]];
      if (w > kept) {
        out.oldRun(kept, w);
        out.oldGap(w);
      }
      out.words(replacements[byWord[k]]);
      out.oldGap(w + 1);
      kept = w + 1;
    }
    if (l > kept) {
      out.oldRun(kept, l);
      out.oldGap(l);
    }
    out.done();
    return true;
  }

  static int indexOf(char[] c, char ch) {
    for (int i = 0; i < c.length; i++) if (c[i] == ch) return i;
    return -1;
  }
}
