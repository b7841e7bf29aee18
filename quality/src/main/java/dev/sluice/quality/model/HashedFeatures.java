package dev.sluice.quality.model;

import java.io.Serializable;

/**
 * fastText-style features of a text, hashed into {@code 2^bits} buckets in one pass over its chars, with no String
 * made per n-gram: word n-grams (words are maximal letter/digit runs, lowercased, every digit read as 0; an n-gram
 * is n consecutive words) and character n-grams over the whole text (lowercased, digits as 0, every run of spaces
 * and tabs as one space, line breaks kept, so the shape of navigation bars, breadcrumbs and link lists counts as
 * much as the words). Characters are UTF-16 code units, packed 16 bits each into a 64-bit window: character
 * n-grams go up to 4. Each family and order hashes with its own seed, all into one bucket space (collisions
 * between families are harmless for a linear model: their weights add).
 */
public record HashedFeatures(int bits, int wordNgrams, int charMin, int charMax)
    implements Serializable {

  public static final int MAX_CHAR_NGRAM = 4;

  public HashedFeatures {
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
  public static HashedFeatures defaults() {
    return new HashedFeatures(18, 2, 3, 4);
  }

  public int buckets() {
    return 1 << bits;
  }

  /** Receives the bucket of every n-gram occurrence, by family. */
  public interface Sink {
    void word(int bucket);

    void chars(int bucket);
  }

  private static final long WORD_SEED = 0x9E3779B97F4A7C15L;
  private static final long CHAR_SEED = 0xC2B2AE3D27D4EB4FL;

  /** Feeds every word and character n-gram of {@code text} to {@code sink}, in text order. */
  public void scan(CharSequence text, Sink sink) {
    run(text, null, sink);
  }

  /**
   * The mean weight of the text's word n-grams plus the mean weight of its character n-grams (0 for a family with
   * none): the linear part of a classifier's score. The same n-grams, buckets and order of additions as {@link
   * #scan} (so the same double, bit for bit: {@code HashedFeaturesReferenceTest}), in a loop of its own, apart from
   * the sink path that training profiles: the chars are copied once into a per-thread buffer, every char's class
   * (folded char, letter, space, line break) is one table read, and which chars the character n-grams skip (runs
   * of spaces, the LF of CR LF) is a bit test on a state word instead of a chain of comparisons; the word hashes
   * are kept without a branch on letters, and a second loop over them sums the word n-grams.
   */
  public double meanWeights(CharSequence text, float[] weights) {
    if (weights.length != buckets()) {
      throw new IllegalArgumentException(weights.length + " weights for " + buckets() + " buckets");
    }
    int n = text.length();
    return sum(chars(text, n), n, weights);
  }

  /** Per thread: the text's chars, and its words' hashes (the classifier is shared between threads). */
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

  /** Texts longer than this get a buffer of their own, so a thread does not keep a huge one. */
  private static final int KEEP_BUFFER = 1 << 16;

  private static char[] chars(CharSequence text, int n) {
    char[] b = n <= KEEP_BUFFER ? BUFFER.get() : new char[n];
    if (b.length < n) {
      b = new char[Math.max(n, 2 * b.length)];
      BUFFER.set(b);
    }
    if (text instanceof String s) s.getChars(0, n, b, 0);
    else for (int i = 0; i < n; i++) b[i] = text.charAt(i);
    return b;
  }

  private static final ThreadLocal<long[]> WORDS = ThreadLocal.withInitial(() -> new long[2048]);

  private static long[] wordBuffer(int n) {
    long[] b = n <= KEEP_BUFFER ? WORDS.get() : new long[n];
    if (b.length < n) {
      b = new long[Math.max(n, 2 * b.length)];
      WORDS.set(b);
    }
    return b;
  }

  private double sum(char[] text, int n, float[] w) {
    double wordSum = 0;
    double charSumEven = 0;
    double charSumOdd = 0;
    int wordCount = 0;
    final int shift = 64 - bits;
    final int cMin = charMin;
    final int cMax = charMax;
    final int wN = wordNgrams;
    final boolean c1 = cMin == 1;
    final boolean c2 = cMin <= 2 && cMax >= 2;
    final boolean c3 = cMin <= 3 && cMax >= 3;
    final boolean c4 = cMax >= 4;
    long window = 0; // the last characters, 16 bits each, newest lowest
    int kept = 0; // characters the character n-grams have seen
    int state = 0; // SPACE: the last kept char is a space or a line break; LF: the last char is CR
    long word = 0; // the hash of the word being read; 0 when between words
    int inWord = 0; // 1 in a word
    // the hash of every word, in order (a word ends at a non-letter)
    long[] ends = wordBuffer(n / 2 + 1);
    int words = 0;
    for (int i = 0; i < n; i++) {
      char c = text[i];
      int k = c < CLASSES ? CLASS[c] : classOf(c);
      char f = (char) k;
      // no branch on letters (it mispredicts at word ends): the word's hash is stored at every
      // char, and kept (words advances) when the char ends the word
      int letter = (k >>> 16) & 1;
      ends[words] = word;
      words += inWord & ~letter;
      word = ((word ^ f) * 0x100000001B3L + 0x7F4A7C15L) & -(long) letter;
      inWord = letter;
      boolean skip = (k & state) != 0; // a space after a space or line break; LF after CR
      state = (k >>> 2) & (SPACE_BIT | LF_BIT);
      if (skip || cMax == 0) continue;
      window = (window << 16) | f;
      kept++;
      if (kept >= MAX_CHAR_NGRAM) {
        // every order from cMin to cMax: the n-gram is the low k chars of the window
        if (c1) charSumOdd += w[(int) ((((window & 0xFFFFL) + CHAR_SEED) * GOLDEN) >>> shift)];
        if (c2) {
          charSumEven += w[(int) ((((window & 0xFFFFFFFFL) + 2 * CHAR_SEED) * GOLDEN) >>> shift)];
        }
        if (c3) {
          charSumOdd +=
              w[(int) ((((window & 0xFFFFFFFFFFFFL) + 3 * CHAR_SEED) * GOLDEN) >>> shift)];
        }
        if (c4) charSumEven += w[(int) (((window + 4 * CHAR_SEED) * GOLDEN) >>> shift)];
      } else {
        if (cMin <= 1)
          charSumOdd += w[(int) ((((window & 0xFFFFL) + CHAR_SEED) * GOLDEN) >>> shift)];
        if (kept >= 2 && c2) {
          charSumEven += w[(int) ((((window & 0xFFFFFFFFL) + 2 * CHAR_SEED) * GOLDEN) >>> shift)];
        }
        if (kept >= 3 && c3) {
          charSumOdd +=
              w[(int) ((((window & 0xFFFFFFFFFFFFL) + 3 * CHAR_SEED) * GOLDEN) >>> shift)];
        }
      }
    }
    if (inWord != 0) ends[words++] = word; // the text ends in a word
    if (wN > 0) { // word n-grams: each word's hash mixed once, its n-grams then one multiply each
      long w1 = 0; // the previous word's hash
      long w2 = 0; // the one before
      for (int j = 0; j < words; j++) {
        long h = mix(ends[j]);
        wordSum += w[bucket(h ^ WORD_SEED, shift)];
        if (wN >= 2 && j >= 1) wordSum += w[bucket(mix(w1 + h * 31) ^ (WORD_SEED + 2), shift)];
        if (wN >= 3 && j >= 2) {
          wordSum += w[bucket(mix(mix(w2 + w1 * 31) + h * 31) ^ (WORD_SEED + 3), shift)];
        }
        w2 = w1;
        w1 = h;
      }
      wordCount =
          words + (wN >= 2 ? Math.max(0, words - 1) : 0) + (wN >= 3 ? Math.max(0, words - 2) : 0);
    }
    // the character n-grams: each kept char ends one of each order it has room for
    int charCount = 0;
    if (cMax > 0) {
      for (int p = 1; p <= Math.min(kept, MAX_CHAR_NGRAM); p++) {
        charCount += Math.max(0, Math.min(cMax, p) - cMin + 1);
      }
      if (kept > MAX_CHAR_NGRAM) charCount += (kept - MAX_CHAR_NGRAM) * (cMax - cMin + 1);
    }
    return (wordCount > 0 ? wordSum / wordCount : 0)
        + (charCount > 0 ? (charSumEven + charSumOdd) / charCount : 0);
  }

  /**
   * One pass: with {@code w}, sums weights and returns the means; else feeds {@code sink} and returns 0. Scoring
   * uses {@link #sum}, which must give the same n-grams in the same order.
   */
  private double run(CharSequence text, float[] w, Sink sink) {
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

  /**
   * Every char below {@link #CLASSES} as the scan reads it: the folded char (low 16 bits), whether it is a letter
   * or digit, whether it folds to a space, whether it is LF, and the state it leaves for the next char (shifted
   * down by 2 onto the SPACE and LF bits: folds to a space or a line break; is CR).
   */
  private static final int CLASSES = 0x800;

  private static final int LETTER_BIT = 1 << 16;
  private static final int SPACE_BIT = 1 << 17;
  private static final int LF_BIT = 1 << 18;
  private static final int[] CLASS = new int[CLASSES];

  static {
    for (char c = 0; c < CLASSES; c++) CLASS[c] = classOf(c);
  }

  /** The class of any char, by the same rules as {@link #run}. */
  private static int classOf(char c) {
    boolean letter;
    char f;
    if (c < 128) {
      f = FOLD[c];
      letter = LETTER[c];
    } else {
      letter = Character.isLetterOrDigit(c);
      f =
          letter
              ? (Character.isDigit(c) ? '0' : Character.toLowerCase(c))
              : (Character.isWhitespace(c) ? ' ' : c);
    }
    int k = f;
    if (letter) k |= LETTER_BIT;
    else {
      if (f == ' ') k |= SPACE_BIT;
      if (c == '\n') k |= LF_BIT;
      if (f == ' ' || f == '\n') k |= SPACE_BIT << 2;
      if (c == '\r') k |= LF_BIT << 2;
    }
    return k;
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
