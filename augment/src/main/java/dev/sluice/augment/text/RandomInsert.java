package dev.sluice.augment.text;

import java.util.Arrays;

/**
 * EDA's random insertion (RI; Wei and Zou 2019): n = max(1, round(α·l)) times, a synonym of a random word that is
 * not a stop word is inserted at a random word boundary, separated by one space. The synonym is lower case, or
 * Capitalized where it opens a sentence before a Capitalized word. Words are drawn uniformly until one is a
 * candidate (EDA retries up to 10 times); a document that fails 4·l + 64 draws in all falls back to a uniform pick
 * among all its candidates, and one without any is returned unchanged. All insertions are chosen against the input's words and placed
 * in one pass.
 */
final class RandomInsert implements TextOp {
  private static final char[][] NONE = new char[0][];

  private final double alpha;
  private final Lexicon lexicon;

  RandomInsert(double alpha, Lexicon lexicon) {
    this.alpha = alpha;
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return "insert";
  }

  @Override
  public boolean apply(Draft d, Rng rng) {
    int l = d.words();
    if (l == 0) return false;
    int n = TextOp.edits(alpha, l);
    char[][][] looked = d.scratch.lookups(l);
    int[] all = null;
    int[] places = new int[n];
    char[][] words = new char[n][];
    int made = 0;
    // uniform draws until a candidate (EDA retries 10 times; here a document that runs through its
    // budget of failed draws falls back to a uniform pick among all its candidates, so rare
    // candidates still get picked)
    int budget = 4 * l + 64;
    for (int k = 0; k < n; k++) {
      int source = -1;
      while (source < 0 && budget > 0) {
        int c = rng.nextInt(l);
        if (synonyms(d, looked, c) != NONE) {
          source = c;
        } else {
          budget--;
        }
      }
      if (source < 0) {
        if (all == null) all = candidates(d, looked, l);
        if (all.length == 0) break;
        source = all[rng.nextInt(all.length)];
      }
      char[][] syns = looked[source];
      words[made] = syns[rng.nextInt(syns.length)];
      places[made++] = rng.nextInt(l + 1);
    }
    if (made == 0) return false;
    int[] order = d.scratch.orderBy(places, made, l + 1);
    DraftBuilder out = d.rebuild();
    out.oldGap(0);
    int kept = 0; // the next old word to copy; the gap before it is already out
    int k = 0;
    for (; k < made && places[order[k]] < l; k++) {
      int w = places[order[k]];
      char[] word = words[order[k]];
      boolean first = k == 0 || places[order[k - 1]] != w;
      if (w > kept) {
        out.oldRun(kept, w);
        out.oldGap(w);
        kept = w;
      }
      if (first
          && d.sentenceStart(w)
          && CasePreserver.pattern(d.wordBase(w), d.wordFrom(w), d.wordTo(w))
              == CasePreserver.CAPITALIZED) {
        word = CasePreserver.capitalize(word);
      }
      out.words(word);
      out.gap(Draft.SPACE, 0, 1);
    }
    out.oldRun(kept, l);
    for (; k < made; k++) { // after the last word, before what follows it
      out.gap(Draft.SPACE, 0, 1);
      out.words(words[order[k]]);
    }
    out.oldGap(l);
    out.done();
    return true;
  }

  private char[][] synonyms(Draft d, char[][][] looked, int w) {
    char[][] s = looked[w];
    if (s == null) {
      s = lexicon.synonyms(d.wordBase(w), d.wordFrom(w), d.wordTo(w));
      if (s == null) s = NONE;
      looked[w] = s;
    }
    return s;
  }

  private int[] candidates(Draft d, char[][][] looked, int l) {
    int[] out = new int[l];
    int size = 0;
    for (int i = 0; i < l; i++) if (synonyms(d, looked, i) != NONE) out[size++] = i;
    return Arrays.copyOf(out, size);
  }
}
