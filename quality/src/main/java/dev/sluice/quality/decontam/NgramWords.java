package dev.sluice.quality.decontam;

import dev.sluice.quality.text.Words;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words decontamination compares, as the n-gram overlap checks of GPT-3 (appendix C) and EleutherAI's
 * lm-evaluation-harness do: lower case, punctuation removed, split on whitespace. Unicode-aware: a code point is
 * lower-cased on its own ({@link Character#toLowerCase(int)}, no locale); punctuation and symbols (every Unicode
 * P* and S* category, {@link Words#isPunct}) are deleted without splitting, so {@code don't} is {@code dont} and
 * {@code e-mail} is {@code email}; whitespace, separators and control characters end a word; format characters
 * (zero-width joiners, soft hyphens) are deleted. A token of punctuation only is no word. The text is first brought
 * to Unicode NFKC (a no-op check on text that already is), so an evaluation item in decomposed form (NFD), with
 * ligatures or with full-width letters matches the same words in the corpus whatever its {@code normalize} did.
 * In scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar) each letter is a word of
 * its own, as character n-grams are the usual unit there: a 13-gram is then 13 characters.
 *
 * <p>{@link #hashes} gives each word a 64-bit hash without building strings (the per-document path); {@link
 * #words} gives the same words as strings (to verify a hash hit, and for the evaluation sets).
 */
public final class NgramWords {
  private NgramWords() {}

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** What a code point does to a word. */
  private static final int KEEP = 0;

  private static final int SPLIT = 1;
  private static final int DROP = 2;

  /** A word on its own: a letter of a script written without spaces between words. */
  private static final int ALONE = 3;

  /**
   * {@link #kind} of every code point of the Basic Multilingual Plane met so far, plus one (0: not yet known),
   * filled as the texts need it: {@code UnicodeScript.of} is a binary search over some 2,000 ranges, which doubled
   * the cost of a CJK text. Threads may fill an entry twice; they write the same value.
   */
  private static final byte[] BMP_KIND = new byte[0x10000];

  private static int kindOf(int cp) {
    if (cp >= 0x10000) return kind(cp);
    int k = BMP_KIND[cp];
    if (k == 0) {
      k = kind(cp) + 1;
      BMP_KIND[cp] = (byte) k;
    }
    return k - 1;
  }

  private static int kind(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp))
      return SPLIT;
    if (Words.isPunct(cp) || Character.getType(cp) == Character.FORMAT) return DROP;
    if (cp >= 0x0E00) {
      switch (Character.UnicodeScript.of(cp)) {
        case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> {
          if (Character.isLetter(cp)) return ALONE;
          int type = Character.getType(cp);
          if (type == Character.NON_SPACING_MARK
              || type == Character.COMBINING_SPACING_MARK
              || type == Character.ENCLOSING_MARK)
            return DROP; // a vowel or tone mark of its letter
        }
        default -> {}
      }
    }
    return KEEP;
  }

  /** The 64-bit hashes of the words of {@code text}, in order; {@code count[0]} is set to how many. */
  public static long[] hashes(String text, long[] reuse, int[] count) {
    text = nfkc(text);
    long[] out = reuse == null || reuse.length == 0 ? new long[64] : reuse;
    int n = 0;
    long h = FNV_OFFSET;
    boolean inWord = false;
    int len = text.length();
    for (int i = 0; i < len; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int k = cp < 128 ? asciiKind(cp) : kindOf(cp);
      if (k == KEEP) {
        h = (h ^ Character.toLowerCase(cp)) * FNV_PRIME;
        inWord = true;
      } else if ((k == SPLIT || k == ALONE) && inWord) {
        if (n == out.length) out = Arrays.copyOf(out, n * 2);
        out[n++] = mix(h);
        h = FNV_OFFSET;
        inWord = false;
      }
      if (k == ALONE) {
        if (n == out.length) out = Arrays.copyOf(out, n * 2);
        out[n++] = mix((FNV_OFFSET ^ cp) * FNV_PRIME);
      }
    }
    if (inWord) {
      if (n == out.length) out = Arrays.copyOf(out, n + 1);
      out[n++] = mix(h);
    }
    count[0] = n;
    return out;
  }

  /** The words of {@code text} as strings: the same words, in the same order, as {@link #hashes}. */
  public static List<String> words(String text) {
    text = nfkc(text);
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int k = cp < 128 ? asciiKind(cp) : kindOf(cp);
      if (k == KEEP) {
        w.appendCodePoint(Character.toLowerCase(cp));
      } else if ((k == SPLIT || k == ALONE) && w.length() > 0) {
        out.add(w.toString());
        w.setLength(0);
      }
      if (k == ALONE) out.add(new String(Character.toChars(cp)));
    }
    if (w.length() > 0) out.add(w.toString());
    return out;
  }

  static String nfkc(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFKC)
        ? text
        : Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  /** The hash {@link #hashes} gives a word already lower-cased and free of punctuation (one of {@link #words}). */
  public static long hash(String word) {
    long h = FNV_OFFSET;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      h = (h ^ cp) * FNV_PRIME;
    }
    return mix(h);
  }

  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) ASCII[c] = (byte) kind(c);
  }

  private static int asciiKind(int c) {
    return ASCII[c];
  }

  /** Murmur3's 64-bit finaliser: FNV alone leaves the low bits weak for a power-of-two table. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
