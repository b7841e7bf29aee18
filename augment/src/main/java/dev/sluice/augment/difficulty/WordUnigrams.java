package dev.sluice.augment.difficulty;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Word frequencies of a reference corpus and the rarity of a text under them: the mean −log2 of each word's
 * add-one-smoothed unigram probability {@code (c(w) + 1) / (N + V + 1)}, where N is the number of word tokens,
 * V the number of word types and the extra 1 the slot every unseen word shares.
 *
 * <p>A word is a maximal run of letters and digits (a combining mark continues a word, so that an Indic vowel
 * sign does not split one), lowercased with {@link Locale#ROOT}.
 */
final class WordUnigrams {
  private final String[] words; // sorted
  private final long[] counts;
  private final long tokens;
  // scoring: open addressing over the words, with each word's cost in bits
  private final String[] slots;
  private final double[] costs;
  private final double unseenCost;

  private WordUnigrams(String[] words, long[] counts) {
    this.words = words;
    this.counts = counts;
    long n = 0;
    for (long c : counts) n += c;
    tokens = n;
    int cap = 16;
    while (cap * 3L / 4 < words.length) cap <<= 1;
    slots = new String[cap];
    costs = new double[cap];
    double denominator = (double) tokens + words.length + 1;
    unseenCost = log2(denominator);
    for (int i = 0; i < words.length; i++) {
      int s = words[i].hashCode() & (cap - 1);
      while (slots[s] != null) s = (s + 1) & (cap - 1);
      slots[s] = words[i];
      costs[s] = log2(denominator) - log2(counts[i] + 1.0);
    }
  }

  private static double log2(double x) {
    return StrictMath.log(x) / StrictMath.log(2); // StrictMath: the same bits on every JVM and CPU
  }

  /** Collects word counts document by document. */
  static final class Builder {
    private final Map<String, long[]> counts = new HashMap<>();

    void add(String doc) {
      forEachWord(doc, w -> counts.computeIfAbsent(w, x -> new long[1])[0]++);
    }

    WordUnigrams build() {
      String[] words = counts.keySet().toArray(new String[0]);
      Arrays.sort(words);
      long[] c = new long[words.length];
      for (int i = 0; i < words.length; i++) c[i] = counts.get(words[i])[0];
      return new WordUnigrams(words, c);
    }
  }

  interface WordSink {
    void word(String lowercased);
  }

  static void forEachWord(String text, WordSink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      i += Character.charCount(cp);
      while (i < n) {
        cp = text.codePointAt(i);
        if (!Character.isLetterOrDigit(cp) && !isMark(cp)) break;
        i += Character.charCount(cp);
      }
      sink.word(text.substring(start, i).toLowerCase(Locale.ROOT));
    }
  }

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK
        || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK;
  }

  long tokens() {
    return tokens;
  }

  int types() {
    return words.length;
  }

  /** The cost in bits of one word (already lowercased). */
  double cost(String word) {
    int mask = slots.length - 1;
    int s = word.hashCode() & mask;
    while (slots[s] != null) {
      if (slots[s].equals(word)) return costs[s];
      s = (s + 1) & mask;
    }
    return unseenCost;
  }

  /** Mean cost in bits of the text's words; NaN when it has none. */
  double rarity(String text) {
    double[] sum = new double[2];
    forEachWord(
        text,
        w -> {
          sum[0] += cost(w);
          sum[1]++;
        });
    return sum[1] == 0 ? Double.NaN : sum[0] / sum[1];
  }

  /** Words in sorted order, front-coded: shared prefix length, the rest, the count. */
  void writeTo(Binary.Writer out) {
    out.varInt(words.length);
    String prev = "";
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      int shared = 0;
      int max = Math.min(prev.length(), w.length());
      while (shared < max && prev.charAt(shared) == w.charAt(shared)) shared++;
      if (shared > 0 && Character.isHighSurrogate(w.charAt(shared - 1))) shared--;
      out.varInt(shared);
      out.string(w.substring(shared));
      out.varLong(counts[i]);
      prev = w;
    }
  }

  static WordUnigrams readFrom(Binary.Reader in) {
    int n = in.varInt("word types", 0, Integer.MAX_VALUE - 16);
    String[] words = new String[n];
    long[] counts = new long[n];
    String prev = "";
    for (int i = 0; i < n; i++) {
      int shared = in.varInt("shared prefix", 0, prev.length());
      String w = prev.substring(0, shared) + in.string();
      if (i > 0 && w.compareTo(prev) <= 0) throw new Binary.Malformed("words out of order at " + i);
      words[i] = w;
      counts[i] = in.varLong("word count", 1, Long.MAX_VALUE >>> 2);
      prev = w;
    }
    return new WordUnigrams(words, counts);
  }
}
