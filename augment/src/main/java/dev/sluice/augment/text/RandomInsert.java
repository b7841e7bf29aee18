package dev.sluice.augment.text;

import java.util.Arrays;

/**
 * EDA's random insertion (RI; Wei and Zou 2019): n = max(1, round(α·l)) times, a synonym of a random word that is
 * not a stop word is inserted at a random word boundary, separated by one space. The synonym is lower case, or
 * Capitalized where it opens a sentence before a Capitalized word. Words are drawn uniformly (up to 20 draws, as
 * EDA retries up to 10); a document whose candidates are too rare for that falls back to a uniform pick among all
 * of them, and one without any is returned unchanged. All insertions are chosen against the input's words and placed
 * in one pass.
 */
final class RandomInsert implements TextOp {
  private static final String[] NONE = new String[0];
  private static final int DRAWS = 20;

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
  public String apply(String text, Rng rng) {
    WordSpans w = WordSpans.of(text);
    int l = w.count;
    if (l == 0) return text;
    int n = TextOp.edits(alpha, l);
    String[][] looked = new String[l][];
    int[] all = null;
    long[] places = new long[n];
    String[] words = new String[n];
    int made = 0;
    for (int k = 0; k < n; k++) {
      int source = -1;
      for (int d = 0; d < DRAWS && source < 0; d++) {
        int c = rng.nextInt(l);
        if (synonyms(w, looked, c) != NONE) source = c;
      }
      if (source < 0) {
        if (all == null) all = candidates(w, looked);
        if (all.length == 0) break;
        source = all[rng.nextInt(all.length)];
      }
      String[] syns = looked[source];
      words[made] = syns[rng.nextInt(syns.length)];
      places[made] = (long) rng.nextInt(l + 1) << 32 | made;
      made++;
    }
    if (made == 0) return text;
    Arrays.sort(places, 0, made);
    StringBuilder sb = new StringBuilder(text.length() + made * 10);
    int at = 0;
    int lastPlace = -1;
    for (int k = 0; k < made; k++) {
      int place = (int) (places[k] >>> 32);
      String word = words[(int) places[k]];
      if (place < l) {
        int start = w.starts[place];
        boolean first = place != lastPlace;
        if (first
            && w.sentenceStart(place)
            && CasePreserver.pattern(text, start, w.ends[place]) == CasePreserver.CAPITALIZED) {
          word = CasePreserver.capitalize(word);
        }
        sb.append(text, at, start).append(word).append(' ');
        at = start;
      } else {
        int end = w.ends[l - 1];
        sb.append(text, at, end).append(' ').append(word);
        at = end;
      }
      lastPlace = place;
    }
    return sb.append(text, at, text.length()).toString();
  }

  private String[] synonyms(WordSpans w, String[][] looked, int word) {
    String[] s = looked[word];
    if (s == null) {
      s = lexicon.synonyms(w.text, w.starts[word], w.ends[word]);
      if (s == null) s = NONE;
      looked[word] = s;
    }
    return s;
  }

  private int[] candidates(WordSpans w, String[][] looked) {
    int[] out = new int[w.count];
    int size = 0;
    for (int i = 0; i < w.count; i++) if (synonyms(w, looked, i) != NONE) out[size++] = i;
    return Arrays.copyOf(out, size);
  }
}
