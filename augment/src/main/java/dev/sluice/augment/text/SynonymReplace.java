package dev.sluice.augment.text;

import java.util.Arrays;

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
  public String apply(String text, Rng rng) {
    WordSpans w = WordSpans.of(text);
    int l = w.count;
    if (l == 0) return text;
    int n = TextOp.edits(alpha, l);
    int[] order = new int[l];
    for (int i = 0; i < l; i++) order[i] = i;
    long[] picks = new long[n];
    String[] replacements = new String[n];
    int found = 0;
    for (int i = 0; i < l && found < n; i++) {
      int j = i + rng.nextInt(l - i);
      int word = order[j];
      order[j] = order[i];
      order[i] = word;
      String[] syns = lexicon.synonyms(text, w.starts[word], w.ends[word]);
      if (syns == null) continue;
      String syn = syns[rng.nextInt(syns.length)];
      int pattern = CasePreserver.pattern(text, w.starts[word], w.ends[word]);
      replacements[found] = CasePreserver.apply(pattern, syn);
      picks[found] = (long) word << 32 | found;
      found++;
    }
    if (found == 0) return text;
    Arrays.sort(picks, 0, found);
    StringBuilder sb = new StringBuilder(text.length() + found * 8);
    int at = 0;
    for (int k = 0; k < found; k++) {
      int word = (int) (picks[k] >>> 32);
      sb.append(text, at, w.starts[word]).append(replacements[(int) picks[k]]);
      at = w.ends[word];
    }
    return sb.append(text, at, text.length()).toString();
  }
}
