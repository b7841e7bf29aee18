package dev.sluice.augment.difficulty;

import java.io.IOException;

/**
 * Counts a corpus into the adjusted counts and discounts a {@link CharNgramModel} is made of. One pass counts
 * the highest-order n-grams; each lower order is then derived from the order above it: a k-gram's continuation
 * count is the number of distinct (k+1)-grams it ends, except that a k-gram beginning with the padding symbol
 * takes the raw count of its only extension. That works because the text is padded with order − 1 padding
 * symbols, so every k-gram occurrence is the suffix of a highest-order one.
 */
final class KneserNey {
  private KneserNey() {}

  /** The discounts used when a count-of-count is 0 or the estimate falls outside (0, c]. */
  static final double[] FALLBACK = {0, 0.5, 1.0, 1.5};

  /**
   * Counts {@code corpus}, which must give the {@code expectedDocs} documents its vocabulary was made from: a
   * single-use {@code Iterable} read a second time would otherwise train a model with no counts.
   */
  static CharNgramModel train(Corpus corpus, int order, Vocabulary vocab, long expectedDocs)
      throws IOException {
    int bits = vocab.bits();
    long maskTop = order * bits >= 64 ? -1L : (1L << (order * bits)) - 1;
    long maskHist = (1L << ((order - 1) * bits)) - 1;
    NgramTable top = new NgramTable(2, 1 << 16);
    long[] docs = {0};
    corpus.forEach(
        doc -> {
          docs[0]++;
          long hist = 0;
          for (int i = 0; i < doc.length(); ) {
            int cp = doc.codePointAt(i);
            i += Character.charCount(cp);
            long key = ((hist << bits) | vocab.id(cp)) & maskTop;
            top.add(key, 1);
            hist = key & maskHist;
          }
          top.add(((hist << bits) | Vocabulary.EOS) & maskTop, 1);
        });
    if (docs[0] != expectedDocs) {
      throw new IllegalArgumentException(
          "the documents changed between the two passes over them ("
              + expectedDocs
              + " then "
              + docs[0]
              + "): pass something that can be read twice, such as a List");
    }
    NgramTable[] tables = new NgramTable[order + 1];
    tables[order] = top;
    long symbolMask = (1L << bits) - 1;
    for (int k = order - 1; k >= 1; k--) {
      NgramTable above = tables[k + 1];
      NgramTable t = new NgramTable(2, Math.max(16, above.size() / 4));
      long mask = (1L << (k * bits)) - 1;
      int firstShift = (k - 1) * bits;
      for (int b = 0; b < above.end(); b += 2) {
        if (!above.used(b)) continue;
        long g = above.key(b) & mask;
        boolean padded = ((g >>> firstShift) & symbolMask) == Vocabulary.BOS;
        t.add(g, padded ? above.count(b) : 1);
      }
      tables[k] = t;
    }
    double[][] discounts = new double[order + 1][];
    long[][] keys = new long[order + 1][];
    long[][] counts = new long[order + 1][];
    for (int k = 1; k <= order; k++) {
      NgramTable t = tables[k];
      keys[k] = new long[t.size()];
      counts[k] = new long[t.size()];
      long[] countOfCounts = new long[5];
      int n = 0;
      for (int b = 0; b < t.end(); b += 2) {
        if (!t.used(b)) continue;
        keys[k][n] = t.key(b);
        counts[k][n] = t.count(b);
        if (counts[k][n] <= 4) countOfCounts[(int) counts[k][n]]++;
        n++;
      }
      discounts[k] = discounts(countOfCounts);
      tables[k] = null; // let the counting table go before the model builds its own
    }
    return new CharNgramModel(vocab, order, discounts, keys, counts);
  }

  /**
   * Chen & Goodman's estimates from n1..n4 (the number of n-grams seen once .. four times): Y = n1 / (n1 + 2 n2),
   * D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2, D3+ = 3 − 4Y n4/n3; {@link #FALLBACK} when one is undefined or out of
   * (0, c]. Returns {0, D1, D2, D3+}.
   */
  static double[] discounts(long[] n) {
    if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) return FALLBACK.clone();
    double y = n[1] / (n[1] + 2.0 * n[2]);
    double[] d = {0, 1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2], 3 - 4 * y * n[4] / n[3]};
    for (int c = 1; c <= 3; c++) if (!(d[c] > 0 && d[c] <= c)) return FALLBACK.clone();
    return d;
  }
}
