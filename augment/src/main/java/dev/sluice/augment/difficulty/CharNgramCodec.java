package dev.sluice.augment.difficulty;

import java.util.Arrays;

/**
 * A {@link CharNgramModel}'s part of the model file: order, bits per symbol, the vocabulary in id order, then per
 * order the three discounts and the n-grams in unsigned key order (keys delta-coded, counts as varints). Context
 * statistics are not stored: the model recomputes them from the counts when it is built.
 */
final class CharNgramCodec {
  private CharNgramCodec() {}

  /** Deterministic: the same model always writes the same bytes. */
  static void write(CharNgramModel model, Binary.Writer out) {
    int order = model.order();
    Vocabulary vocab = model.vocabulary();
    int bits = vocab.bits();
    out.varInt(order);
    out.varInt(bits);
    int[] cps = vocab.codePoints();
    out.varInt(cps.length);
    for (int cp : cps) out.varInt(cp);
    for (int k = 1; k <= order; k++) {
      double[] d = model.discounts(k);
      for (int c = 1; c <= 3; c++) out.doubleBits(d[c]);
      NgramTable t = model.table(k);
      long[] keys = new long[t.size()];
      int n = 0;
      for (int b = 0; b < t.end(); b += t.stride()) {
        if (t.used(b) && t.count(b) > 0) keys[n++] = t.key(b) ^ Long.MIN_VALUE;
      }
      keys = Arrays.copyOf(keys, n);
      Arrays.sort(keys); // unsigned order: the key with its sign bit flipped
      out.varInt(n);
      long prev = 0;
      for (int i = 0; i < n; i++) {
        long key = keys[i] ^ Long.MIN_VALUE;
        out.varLong(key - prev);
        out.varLong(t.count(t.find(key)));
        prev = key;
      }
    }
  }

  static CharNgramModel read(Binary.Reader in) {
    int order = in.varInt("order", CharNgramModel.MIN_ORDER, CharNgramModel.MAX_ORDER);
    int bits = in.varInt("bits per symbol", Vocabulary.bitsFor(order), Vocabulary.bitsFor(order));
    int size = in.varInt("vocabulary size", 0, (1 << bits) - Vocabulary.FIRST);
    int[] cps = new int[size];
    for (int i = 0; i < size; i++) cps[i] = in.varInt("code point", 0, Character.MAX_CODE_POINT);
    Vocabulary vocab;
    try {
      vocab = new Vocabulary(bits, cps);
    } catch (IllegalArgumentException e) {
      throw new Binary.Malformed(e.getMessage());
    }
    long symbolMask = (1L << bits) - 1;
    double[][] d = new double[order + 1][];
    long[][] keys = new long[order + 1][];
    long[][] counts = new long[order + 1][];
    for (int k = 1; k <= order; k++) {
      d[k] = new double[4];
      for (int c = 1; c <= 3; c++) {
        d[k][c] = in.doubleBits();
        if (!(d[k][c] >= 0 && d[k][c] <= c)) {
          throw new Binary.Malformed("discount D" + c + " of order " + k + " is " + d[k][c]);
        }
      }
      int n = in.varInt("n-gram count", 0, Integer.MAX_VALUE - 16);
      keys[k] = new long[n];
      counts[k] = new long[n];
      long mask = k * bits >= 64 ? -1L : (1L << (k * bits)) - 1;
      long key = 0;
      for (int i = 0; i < n; i++) {
        long delta = in.varLong();
        long next = key + delta;
        if (i > 0 && (delta == 0 || Long.compareUnsigned(next, key) <= 0)) {
          throw new Binary.Malformed("n-grams of order " + k + " out of order at " + i);
        }
        key = next;
        if ((key & ~mask) != 0 || (key & symbolMask) == Vocabulary.BOS) {
          throw new Binary.Malformed(
              "n-gram " + Long.toHexString(key) + " of order " + k + " is invalid");
        }
        for (int s = 0; s < k; s++) {
          if (((key >>> (s * bits)) & symbolMask) >= vocab.idLimit()) {
            throw new Binary.Malformed(
                "n-gram " + Long.toHexString(key) + " names an unknown symbol");
          }
        }
        keys[k][i] = key;
        counts[k][i] = in.varLong("n-gram count", 1, Long.MAX_VALUE >>> 2);
      }
    }
    return new CharNgramModel(vocab, order, d, keys, counts);
  }
}
