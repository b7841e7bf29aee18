package dev.sluice.augment.difficulty;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Interpolated modified Kneser–Ney (Chen & Goodman 1998: three discounts D1, D2, D3+ per order from
 * count-of-counts) over Unicode code points, order 2..8 (default 5), with a begin-of-text padding symbol and an
 * end-of-text symbol; unseen characters get mass through an {@code <unk>} in the uniform base distribution.
 *
 * <p>For a history h and symbol w, {@code P_k(w | h) = max(a_k(hw) - D_k(a_k(hw)), 0) / c_k(h) + gamma_k(h) ·
 * P_{k-1}(w | h')}, with {@code gamma_k(h) = (D1 N1(h•) + D2 N2(h•) + D3+ N3+(h•)) / c_k(h)} and h' the history
 * without its first symbol; an unseen history backs off fully ({@code P_k = P_{k-1}}); {@code P_0} is uniform
 * over the kept code points, {@code <unk>} and end-of-text. {@code a_k} is the raw count at the highest order and
 * the continuation count N1+(• w) below it, except for n-grams that begin with the padding symbol, which keep
 * their raw count at every order (they have one possible left extension; KenLM does the same). The text is padded
 * with order − 1 begin-of-text symbols. Immutable and safe to share between threads.
 */
public final class CharNgramModel {
  public static final int MIN_ORDER = 2;
  public static final int MAX_ORDER = 8;

  /** Stands for end-of-text in {@link #probability}. */
  public static final int END = -1;

  private final Vocabulary vocab;
  private final int order;
  private final int bits;
  private final long[] masks;
  private final double[][] discounts;
  private final NgramTable[] tables;
  private final double[] unigram;
  // the order-2 context statistics of each symbol, by id: 0 when it is not a context
  private final double[] unigramInv;
  private final double[] unigramGamma;
  private final int[] bosSlots;

  /**
   * Builds the scoring tables from the model's content: per order k (1..order) the discounts {@code d[k] = {0,
   * D1, D2, D3+}} and the n-grams (packed keys) with their adjusted counts (at least 1).
   */
  CharNgramModel(
      Vocabulary vocab, int order, double[][] discounts, long[][] keys, long[][] counts) {
    checkOrder(order);
    this.vocab = vocab;
    this.order = order;
    this.bits = vocab.bits();
    this.masks = new long[order + 1];
    for (int j = 0; j <= order; j++) masks[j] = j * bits >= 64 ? -1L : (1L << (j * bits)) - 1;
    this.discounts = new double[order + 1][];
    for (int k = 1; k <= order; k++) this.discounts[k] = discounts[k].clone();
    tables = new NgramTable[order + 1];
    for (int k = 1; k <= order; k++) {
      tables[k] = new NgramTable(k < order ? 4 : 2, keys[k].length + 1);
      NgramTable t = tables[k];
      for (int i = 0; i < keys[k].length; i++) t.add(keys[k][i], counts[k][i]);
    }
    // Context statistics of order k live in the slot of the (k-1)-symbol history, in table k-1.
    // While counting: extra 0 = c(h), extra 1 = N1 | N2 << 21 | N3+ << 42 (at most 2^16 each).
    // Then: extra 0 = 1 / c(h) (0 when h is not a context), extra 1 = gamma(h).
    long total0 = 0;
    long[] n0 = new long[4];
    for (int k = 1; k <= order; k++) {
      for (int i = 0; i < keys[k].length; i++) {
        long a = counts[k][i];
        int cls = (int) Math.min(a, 3);
        if (k == 1) {
          total0 += a;
          n0[cls]++;
        } else {
          int b = tables[k - 1].insert(keys[k][i] >>> bits);
          tables[k - 1].addExtra(b, 0, a);
          tables[k - 1].addExtra(b, 1, 1L << (21 * (cls - 1)));
        }
      }
    }
    for (int j = 1; j < order; j++) {
      NgramTable t = tables[j];
      double[] d = discounts[j + 1];
      for (int b = 0; b < t.end(); b += t.stride()) {
        if (!t.used(b)) continue;
        long total = t.extra(b, 0);
        long n = t.extra(b, 1);
        double inv = total == 0 ? 0 : 1.0 / total;
        double mass = d[1] * (n & 0x1FFFFF) + d[2] * ((n >>> 21) & 0x1FFFFF) + d[3] * (n >>> 42);
        t.setExtra(b, 0, Double.doubleToRawLongBits(inv));
        t.setExtra(b, 1, Double.doubleToRawLongBits(mass * inv));
      }
    }
    double uniform = 1.0 / vocab.predicted();
    double gamma0 =
        total0 == 0
            ? 1
            : (discounts[1][1] * n0[1] + discounts[1][2] * n0[2] + discounts[1][3] * n0[3])
                / total0;
    unigram = new double[vocab.idLimit()];
    unigramInv = new double[vocab.idLimit()];
    unigramGamma = new double[vocab.idLimit()];
    for (int id = Vocabulary.EOS; id < unigram.length; id++) {
      int b = tables[1].find(id);
      long a = b < 0 ? 0 : tables[1].count(b);
      unigram[id] = total0 == 0 ? uniform : discounted(1, a) / total0 + gamma0 * uniform;
      unigramInv[id] = b < 0 ? 0 : tables[1].extraDouble(b, 0);
      unigramGamma[id] = b < 0 ? 0 : tables[1].extraDouble(b, 1);
    }
    bosSlots = new int[order];
    for (int j = 1; j < order; j++) bosSlots[j] = tables[j].find(0L);
  }

  static void checkOrder(int order) {
    if (order < MIN_ORDER || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "order must be in " + MIN_ORDER + ".." + MAX_ORDER + ", got " + order);
    }
  }

  /** Trains on {@code docs}, which it iterates twice (once for the vocabulary, once for the counts). */
  public static CharNgramModel train(Iterable<String> docs, int order) {
    checkOrder(order);
    try {
      Corpus corpus = docs::forEach;
      CodePointCounts cps = new CodePointCounts();
      corpus.forEach(cps::add);
      return KneserNey.train(corpus, order, cps.vocabulary(Vocabulary.bitsFor(order)), cps.docs());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double discounted(int k, long a) {
    return a == 0 ? 0 : a - discounts[k][(int) Math.min(a, 3)];
  }

  public int order() {
    return order;
  }

  /** The code points the model names, most frequent first; every other code point is {@code <unk>}. */
  public int[] codePoints() {
    return vocab.codePoints();
  }

  /** How many n-grams of length {@code n} (1..order) the model stores. */
  public long ngrams(int n) {
    long c = 0;
    NgramTable t = tables[n];
    for (int b = 0; b < t.end(); b += t.stride()) if (t.used(b) && t.count(b) > 0) c++;
    return c;
  }

  /**
   * P(codePoint | the text so far is {@code history}): {@link #END} for end-of-text; a code point outside the
   * vocabulary gets the probability of {@code <unk>}, which all of them share.
   */
  public double probability(String history, int codePoint) {
    Cursor c = new Cursor();
    for (int i = 0; i < history.length(); ) {
      int cp = history.codePointAt(i);
      i += Character.charCount(cp);
      c.step(vocab.id(cp));
    }
    return c.step(codePoint == END ? Vocabulary.EOS : vocab.id(codePoint));
  }

  /** The natural-log probability of the text's code points followed by end-of-text. */
  public double logProbability(String text) {
    return score(text)[0];
  }

  /**
   * Per-code-point perplexity: exp of the mean negative natural-log probability over the text's code points plus
   * end-of-text; NaN for empty text.
   */
  public double perplexity(String text) {
    if (text.isEmpty()) return Double.NaN;
    double[] s = score(text);
    return StrictMath.exp(-s[0] / s[1]);
  }

  /** Positions scored together, order by order. */
  private static final int BLOCK = 256;

  /**
   * {log probability, symbols scored}. Order by order over blocks of positions rather than position by position
   * as {@link Cursor} does: one order's lookups at different positions do not depend on each other, so their cache
   * misses are free to overlap (measured no faster than the cursor so far, and no slower; BENCHMARKS.md). A test
   * checks the two agree. Probabilities are multiplied, and a log taken only when the product gets tiny.
   */
  private double[] score(String text) {
    int[] w = new int[BLOCK];
    long[] grams = new long[BLOCK]; // the last `order` symbols ending at each position
    double[] p = new double[BLOCK];
    // context statistics (1 / c, gamma) of the (k-1)-gram ending at each position
    double[] inv = new double[BLOCK];
    double[] gamma = new double[BLOCK];
    double[] nextInv = new double[BLOCK];
    double[] nextGamma = new double[BLOCK];
    boolean[] seen = new boolean[BLOCK]; // whether the (k-1)-gram ending at each position is stored
    boolean[] nextSeen = new boolean[BLOCK];
    // the same, for the position before the block: initially the padding contexts
    double[] carryInv = new double[order];
    double[] carryGamma = new double[order];
    for (int j = 1; j < order; j++) {
      int b = bosSlots[j];
      carryInv[j] = b < 0 ? 0 : tables[j].extraDouble(b, 0);
      carryGamma[j] = b < 0 ? 0 : tables[j].extraDouble(b, 1);
    }
    long hist = 0;
    double log = 0;
    double product = 1;
    int symbols = 0;
    int n = text.length();
    int i = 0;
    boolean ended = false;
    while (!ended) {
      int m = 0;
      while (m < BLOCK && !ended) {
        if (i < n) {
          char ch = text.charAt(i);
          int cp = ch;
          i++;
          if (Character.isHighSurrogate(ch) && i < n && Character.isLowSurrogate(text.charAt(i))) {
            cp = Character.toCodePoint(ch, text.charAt(i));
            i++;
          }
          w[m++] = vocab.id(cp);
        } else {
          w[m++] = Vocabulary.EOS;
          ended = true;
        }
      }
      long g = hist;
      for (int x = 0; x < m; x++) {
        int id = w[x];
        g = ((g << bits) | id) & masks[order];
        grams[x] = g;
        p[x] = unigram[id];
        inv[x] = unigramInv[id];
        gamma[x] = unigramGamma[id];
        seen[x] = true; // an unseen symbol is looked up at order 2 too, and not found
      }
      hist = g & masks[order - 1];
      for (int k = 2; k <= order; k++) {
        NgramTable t = tables[k];
        long mask = masks[k];
        double[] d = discounts[k];
        boolean top = k == order;
        for (int x = 0; x < m; x++) {
          double ci = x == 0 ? carryInv[k - 1] : inv[x - 1];
          int b = -1;
          if (ci != 0) {
            long a = 0;
            if (seen[x]) {
              b = t.find(grams[x] & mask);
              if (b >= 0) a = t.count(b);
            }
            double cg = x == 0 ? carryGamma[k - 1] : gamma[x - 1];
            p[x] = (a == 0 ? 0 : a - d[(int) Math.min(a, 3)]) * ci + cg * p[x];
          }
          nextSeen[x] = b >= 0;
          nextInv[x] = b < 0 || top ? 0 : t.extraDouble(b, 0);
          nextGamma[x] = b < 0 || top ? 0 : t.extraDouble(b, 1);
        }
        carryInv[k - 1] = inv[m - 1];
        carryGamma[k - 1] = gamma[m - 1];
        double[] swap = inv;
        inv = nextInv;
        nextInv = swap;
        swap = gamma;
        gamma = nextGamma;
        nextGamma = swap;
        boolean[] s = seen;
        seen = nextSeen;
        nextSeen = s;
      }
      for (int x = 0; x < m; x++) {
        product *= p[x];
        if (product < 1e-250) {
          log += StrictMath.log(product);
          product = 1;
        }
      }
      symbols += m;
    }
    log += StrictMath.log(product);
    return new double[] {log, symbols};
  }

  /** Where a text stands: its last order − 1 symbols and their slots, so each step looks each n-gram up once. */
  private final class Cursor {
    private long hist;
    private int[] slot = bosSlots.clone();
    private int[] next = new int[order];

    /** P(w | history), then appends w to the history. */
    double step(int w) {
      double p = unigram[w];
      int b1 = tables[1].find(w);
      next[1] = b1;
      boolean found = b1 >= 0;
      int k = 2;
      for (; k <= order; k++) {
        int cs = slot[k - 1];
        if (cs < 0) break;
        NgramTable ctx = tables[k - 1];
        double inv = ctx.extraDouble(cs, 0);
        if (inv == 0) break;
        int b = -1;
        long a = 0;
        if (found) {
          NgramTable t = tables[k];
          b = t.find(((hist & masks[k - 1]) << bits) | w);
          if (b >= 0) a = t.count(b);
          else found = false;
        }
        p = discounted(k, a) * inv + ctx.extraDouble(cs, 1) * p;
        if (k < order) next[k] = b;
      }
      for (; k < order; k++) next[k] = -1;
      hist = ((hist << bits) | w) & masks[order - 1];
      int[] t = slot;
      slot = next;
      next = t;
      return p;
    }
  }

  Vocabulary vocabulary() {
    return vocab;
  }

  /** {0, D1, D2, D3+} of order k. */
  double[] discounts(int k) {
    return discounts[k].clone();
  }

  NgramTable table(int k) {
    return tables[k];
  }
}
