package dev.sluice.quality.model;

import java.io.Serializable;

/**
 * The featuriser as it was before scoring was made faster (web branch, commit b7ad162), kept verbatim as the
 * reference that {@link HashedFeaturesReferenceTest} holds the current {@link HashedFeatures} to: the same buckets
 * in the same order, and bit-identical mean weights, so a trained model's scores do not move. Never change it.
 */
record ReferenceHashedFeatures(int bits, int wordNgrams, int charMin, int charMax)
    implements Serializable {

  public static final int MAX_CHAR_NGRAM = 4;

  ReferenceHashedFeatures {
    if (bits < 10 || bits > 24)
      throw new IllegalArgumentException("bits must be in [10, 24], got " + bits);
    if (wordNgrams < 0 || wordNgrams > 3) {
      throw new IllegalArgumentException("word_ngrams must be in [0, 3], got " + wordNgrams);
    }
    if (charMin < 0
        || charMax > MAX_CHAR_NGRAM
        || charMin > charMax
        || (charMin == 0) != (charMax == 0)) {
      throw new IllegalArgumentException(
          "char_ngrams must be 0 (off) or min..max within 1.."
              + MAX_CHAR_NGRAM
              + ", got "
              + charMin
              + ".."
              + charMax);
    }
    if (wordNgrams == 0 && charMax == 0) {
      throw new IllegalArgumentException("word_ngrams and char_ngrams cannot both be off");
    }
  }

  /** 2^18 buckets, word unigrams and bigrams, character 3- and 4-grams. */
  static ReferenceHashedFeatures defaults() {
    return new ReferenceHashedFeatures(18, 2, 3, 4);
  }

  public int buckets() {
    return 1 << bits;
  }

  private static final long WORD_SEED = 0x9E3779B97F4A7C15L;
  private static final long CHAR_SEED = 0xC2B2AE3D27D4EB4FL;

  /** Feeds every word and character n-gram of {@code text} to {@code sink}, in text order. */
  public void scan(CharSequence text, HashedFeatures.Sink sink) {
    run(text, null, sink);
  }

  /**
   * The mean weight of the text's word n-grams plus the mean weight of its character n-grams (0 for a family with
   * none): the linear part of a classifier's score, summed as the n-grams are read (locals, not a sink, so the
   * sums stay in registers; two sums for the characters, so that their additions overlap).
   */
  public double meanWeights(CharSequence text, float[] weights) {
    if (weights.length != buckets()) {
      throw new IllegalArgumentException(weights.length + " weights for " + buckets() + " buckets");
    }
    return run(text, weights, null);
  }

  /** One pass: with {@code w}, sums weights and returns the means; else feeds {@code sink} and returns 0. */
  private double run(CharSequence text, float[] w, HashedFeatures.Sink sink) {
    double wordSum = 0;
    double charSumEven = 0;
    double charSumOdd = 0;
    int wordCount = 0;
    int charCount = 0;
    final int shift = 64 - bits;
    final int cMin = charMin;
    final int cMax = charMax;
    final int wN = wordNgrams;
    long window = 0; // the last characters, 16 bits each, newest lowest
    int seen = 0; // characters in the window so far (capped at MAX_CHAR_NGRAM)
    char prev = 0;
    long word = 0; // the hash of the word being read; 0 when between words
    boolean inWord = false;
    long w1 = 0; // the previous word's hash
    long w2 = 0; // the one before
    int words = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      boolean letter;
      char f; // the folded character
      if (c < 128) {
        f = FOLD[c];
        letter = LETTER[c] && i < n;
      } else {
        letter = Character.isLetterOrDigit(c);
        f =
            letter
                ? (Character.isDigit(c) ? '0' : Character.toLowerCase(c))
                : (Character.isWhitespace(c) ? ' ' : c);
      }
      if (letter) {
        word = (word ^ f) * 0x100000001B3L + 0x7F4A7C15L;
        inWord = true;
      } else {
        if (inWord) {
          if (wN > 0) {
            long h = mix(word); // mixed once per word; its n-grams then take one multiply each
            int b = bucket(h ^ WORD_SEED, shift);
            if (w != null) wordSum += w[b];
            else sink.word(b);
            wordCount++;
            if (wN >= 2 && words >= 1) {
              b = bucket(mix(w1 + h * 31) ^ (WORD_SEED + 2), shift);
              if (w != null) wordSum += w[b];
              else sink.word(b);
              wordCount++;
            }
            if (wN >= 3 && words >= 2) {
              b = bucket(mix(mix(w2 + w1 * 31) + h * 31) ^ (WORD_SEED + 3), shift);
              if (w != null) wordSum += w[b];
              else sink.word(b);
              wordCount++;
            }
            w2 = w1;
            w1 = h;
            words++;
          }
          word = 0;
          inWord = false;
        }
        if (i == n) break;
        if (f == ' ' && (prev == ' ' || prev == '\n')) continue; // runs of spaces count once
        if (c == '\n' && i > 0 && text.charAt(i - 1) == '\r') continue; // CR LF is one break
      }
      if (cMax > 0) {
        window = (window << 16) | f;
        if (seen < MAX_CHAR_NGRAM) seen++;
        // straight-line per order (no loop, no table): the n-gram is the low k chars of the window
        if (seen >= 1 && cMin <= 1) {
          int b = (int) ((((window & 0xFFFFL) + CHAR_SEED) * GOLDEN) >>> shift);
          if (w == null) sink.chars(b);
          else charSumOdd += w[b];
        }
        if (seen >= 2 && cMin <= 2 && cMax >= 2) {
          int b = (int) ((((window & 0xFFFFFFFFL) + 2 * CHAR_SEED) * GOLDEN) >>> shift);
          if (w == null) sink.chars(b);
          else charSumEven += w[b];
        }
        if (seen >= 3 && cMin <= 3 && cMax >= 3) {
          int b = (int) ((((window & 0xFFFFFFFFFFFFL) + 3 * CHAR_SEED) * GOLDEN) >>> shift);
          if (w == null) sink.chars(b);
          else charSumOdd += w[b];
        }
        if (seen >= 4 && cMax >= 4) {
          int b = (int) (((window + 4 * CHAR_SEED) * GOLDEN) >>> shift);
          if (w == null) sink.chars(b);
          else charSumEven += w[b];
        }
        charCount += Math.max(0, Math.min(cMax, seen) - cMin + 1);
      }
      prev = f;
    }
    if (w == null) return 0;
    return (wordCount > 0 ? wordSum / wordCount : 0)
        + (charCount > 0 ? (charSumEven + charSumOdd) / charCount : 0);
  }

  /** ASCII: letters and digits, and each character as the n-grams see it (lowercase, 0 for digits, ' ', '\n'). */
  private static final boolean[] LETTER = new boolean[128];

  private static final char[] FOLD = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      LETTER[c] = Character.isLetterOrDigit(c);
      FOLD[c] =
          c >= '0' && c <= '9'
              ? '0'
              : c == '\n' || c == '\r'
                  ? '\n'
                  : Character.isWhitespace(c) ? ' ' : Character.toLowerCase(c);
    }
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** The bucket of a well-mixed hash: Fibonacci hashing keeps its top bits. */
  private static int bucket(long h, int shift) {
    return (int) ((h * GOLDEN) >>> shift);
  }

  /** MurmurHash3's 64-bit finaliser. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
