package dev.sluice.quality.decontam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The n-grams of the evaluation sets, for finding the training documents that share one with any evaluation
 * document. Every n-gram of {@link NgramWords} words of an evaluation document is indexed under a 64-bit hash;
 * an evaluation document with fewer than {@code n} words but at least {@code minWords} is indexed whole, as one
 * shorter n-gram (the GPT-3 paper lowered n for benchmarks of short examples, never below 8); one with fewer than
 * {@code minWords} words is not indexed and is counted as too short (a five-word answer would remove every
 * document that happens to say it). A hash hit is verified word by word, so a hash collision never removes a
 * document.
 *
 * <p>The index is immutable once built and shared by threads; each caller matches with its own {@link Matcher}.
 * The match a document reports is the first in a fixed order (its earliest position, then the shortest n-gram
 * there, then the evaluation document added first), so it does not depend on threads or hash layout.
 */
public final class EvalIndex {
  /** The multiplier of the polynomial hash of a sequence of word hashes (odd, so invertible mod 2^64). */
  private static final long P = 0x9E3779B97F4A7C15L;

  /** The evaluation document a training document shares an n-gram with. */
  public record Match(String set, String id) {
    /** How removed/ records it: {@code set/id}. */
    public String label() {
      return set + "/" + id;
    }
  }

  /**
   * One evaluation set: its documents, those indexed by their n-grams, those indexed whole (fewer than n words),
   * those too short to index, and the distinct n-grams it added (an n-gram an earlier document has is not added
   * again).
   */
  public record SetStats(
      String name, long documents, long indexed, long whole, long tooShort, long ngrams) {}

  private final int n;
  private final int minWords;
  private final int[] lengths;
  private final long[] powers;
  private final String[] docSet;
  private final String[] docId;
  private final String[][] docWords;
  private final long[] keys;
  private final int[] heads;
  private final int[] pDoc;
  private final int[] pStart;
  private final int[] pLen;
  private final int[] pNext;
  private final int mask;

  /**
   * One bit per 64-bit key (its top bits), about 32 bits per n-gram: most of a document's windows miss here, in a
   * bitset small enough for the cache, and never reach the table.
   */
  private final long[] filter;

  private final int filterShift;
  private final Map<String, SetStats> stats;

  private EvalIndex(Builder b) {
    this.n = b.n;
    this.minWords = b.minWords;
    this.lengths = b.lengthsSeen.stream().mapToInt(Integer::intValue).sorted().toArray();
    this.powers = new long[lengths.length];
    for (int i = 0; i < lengths.length; i++) powers[i] = pow(lengths[i]);
    this.docSet = b.docSet.toArray(String[]::new);
    this.docId = b.docId.toArray(String[]::new);
    this.docWords = b.docWords.toArray(String[][]::new);
    this.keys = b.keys;
    this.heads = b.heads;
    this.pDoc = Arrays.copyOf(b.pDoc, b.postings);
    this.pStart = Arrays.copyOf(b.pStart, b.postings);
    this.pLen = Arrays.copyOf(b.pLen, b.postings);
    this.pNext = Arrays.copyOf(b.pNext, b.postings);
    this.mask = b.mask;
    int filterBits =
        Math.min(
            30, Math.max(16, 64 - Long.numberOfLeadingZeros(Math.max(1, b.postings) * 32L - 1)));
    this.filter = new long[Math.max(1, (1 << filterBits) >>> 6)];
    this.filterShift = 64 - filterBits;
    for (int slot = 0; slot < keys.length; slot++) {
      if (heads[slot] < 0) continue;
      int f = (int) (keys[slot] >>> filterShift);
      filter[f >>> 6] |= 1L << f;
    }
    Map<String, SetStats> s = new LinkedHashMap<>();
    b.stats.forEach((k, v) -> s.put(k, v.toStats(k)));
    this.stats = java.util.Collections.unmodifiableMap(s);
  }

  public int n() {
    return n;
  }

  public int minWords() {
    return minWords;
  }

  /** Per evaluation set, in the order the sets were added. */
  public Map<String, SetStats> stats() {
    return stats;
  }

  /** The distinct n-grams indexed, all sets together. */
  public int ngrams() {
    return pDoc.length;
  }

  /** A matcher with its own scratch space; one per thread. */
  public Matcher matcher() {
    return new Matcher();
  }

  /** Finds the first evaluation n-gram a text contains; reuses its arrays from one text to the next. */
  public final class Matcher {
    private long[] wordHashes = new long[256];
    private long[] prefix = new long[257];
    private final int[] count = new int[1];

    private Matcher() {}

    /** The evaluation document {@code text} shares an n-gram with (the first, see the class), or null. */
    public Match firstMatch(String text) {
      if (lengths.length == 0) return null;
      wordHashes = NgramWords.hashes(text, wordHashes, count);
      int w = count[0];
      if (w < lengths[0]) return null;
      if (prefix.length < w + 1) prefix = new long[Math.max(w + 1, prefix.length * 2)];
      prefix[0] = 0;
      for (int i = 0; i < w; i++) prefix[i + 1] = prefix[i] * P + wordHashes[i];
      List<String> words = null;
      for (int i = 0; i < w; i++) {
        for (int l = 0; l < lengths.length; l++) {
          int len = lengths[l];
          if (i + len > w) break;
          long key = key(prefix[i + len] - prefix[i] * powers[l], len);
          int f = (int) (key >>> filterShift);
          if ((filter[f >>> 6] & (1L << f)) == 0) continue;
          int slot = find(key);
          if (slot < 0) continue;
          for (int p = heads[slot]; p >= 0; p = pNext[p]) {
            if (pLen[p] != len) continue;
            if (words == null) words = NgramWords.words(text);
            if (same(words, i, docWords[pDoc[p]], pStart[p], len))
              return new Match(docSet[pDoc[p]], docId[pDoc[p]]);
          }
        }
      }
      return null;
    }
  }

  private int find(long key) {
    for (int s = slot(key, mask); ; s = (s + 1) & mask) {
      if (heads[s] < 0) return -1;
      if (keys[s] == key) return s;
    }
  }

  private static boolean same(List<String> a, int from, String[] b, int bFrom, int len) {
    for (int k = 0; k < len; k++) if (!a.get(from + k).equals(b[bFrom + k])) return false;
    return true;
  }

  private static long key(long polynomial, int len) {
    return NgramWords.mix(polynomial + len);
  }

  private static int slot(long key, int mask) {
    return (int) key & mask;
  }

  private static long pow(int e) {
    long r = 1;
    for (int i = 0; i < e; i++) r *= P;
    return r;
  }

  /** Adds evaluation documents set by set; {@link #build} freezes them. */
  public static final class Builder {
    private final int n;
    private final int minWords;
    private final java.util.TreeSet<Integer> lengthsSeen = new java.util.TreeSet<>();
    private final List<String> docSet = new ArrayList<>();
    private final List<String> docId = new ArrayList<>();
    private final List<String[]> docWords = new ArrayList<>();
    private final Map<String, Counts> stats = new LinkedHashMap<>();
    private long[] keys = new long[1 << 10];
    private int[] heads = filled(1 << 10);
    private int mask = (1 << 10) - 1;
    private int slotsUsed;
    private int[] pDoc = new int[1 << 10];
    private int[] pStart = new int[1 << 10];
    private int[] pLen = new int[1 << 10];
    private int[] pNext = new int[1 << 10];
    private int postings;

    /** What became of one evaluation document. */
    public enum Outcome {
      /** indexed by every n-gram of n words */
      INDEXED,
      /** fewer than n words: indexed whole */
      WHOLE,
      /** fewer than minWords words: not indexed */
      TOO_SHORT
    }

    public Builder(int n, int minWords) {
      if (n < 1) throw new IllegalArgumentException("n must be at least 1, got " + n);
      if (minWords < 1 || minWords > n)
        throw new IllegalArgumentException(
            "minWords must be between 1 and n (" + n + "), got " + minWords);
      this.n = n;
      this.minWords = minWords;
    }

    /** Declares a set, so it is listed (with zeros) even when it turns out to hold no document. */
    public Builder set(String set) {
      stats.computeIfAbsent(set, k -> new Counts());
      return this;
    }

    public Outcome add(String set, String id, String text) {
      Counts c = stats.computeIfAbsent(set, k -> new Counts());
      c.documents++;
      String[] words = NgramWords.words(text).toArray(String[]::new);
      if (words.length < minWords) {
        c.tooShort++;
        return Outcome.TOO_SHORT;
      }
      int doc = docWords.size();
      docSet.add(set);
      docId.add(id);
      docWords.add(words);
      long[] h = new long[words.length];
      for (int i = 0; i < words.length; i++) h[i] = NgramWords.hash(words[i]);
      if (words.length < n) {
        c.whole++;
        c.ngrams += insert(doc, words, h, 0, words.length);
        return Outcome.WHOLE;
      }
      c.indexed++;
      for (int i = 0; i + n <= words.length; i++) c.ngrams += insert(doc, words, h, i, n);
      return Outcome.INDEXED;
    }

    /** 1 when the n-gram is new, 0 when an earlier evaluation document has it already. */
    private int insert(int doc, String[] words, long[] h, int start, int len) {
      long poly = 0;
      for (int k = 0; k < len; k++) poly = poly * P + h[start + k];
      long key = key(poly, len);
      int s = slot(key, mask);
      while (heads[s] >= 0 && keys[s] != key) s = (s + 1) & mask;
      int last = -1;
      for (int p = heads[s]; p >= 0; p = pNext[p]) {
        if (pLen[p] == len
            && same(Arrays.asList(words), start, docWords.get(pDoc[p]), pStart[p], len)) return 0;
        last = p;
      }
      if (postings == pDoc.length) {
        int cap = postings * 2;
        pDoc = Arrays.copyOf(pDoc, cap);
        pStart = Arrays.copyOf(pStart, cap);
        pLen = Arrays.copyOf(pLen, cap);
        pNext = Arrays.copyOf(pNext, cap);
      }
      int p = postings++;
      pDoc[p] = doc;
      pStart[p] = start;
      pLen[p] = len;
      pNext[p] = -1;
      lengthsSeen.add(len);
      if (last >= 0) {
        pNext[last] = p;
      } else {
        keys[s] = key;
        heads[s] = p;
        if (++slotsUsed * 2 > keys.length) grow();
      }
      return 1;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldHeads = heads;
      keys = new long[oldKeys.length * 2];
      heads = filled(oldKeys.length * 2);
      mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldHeads[i] < 0) continue;
        int s = slot(oldKeys[i], mask);
        while (heads[s] >= 0) s = (s + 1) & mask;
        keys[s] = oldKeys[i];
        heads[s] = oldHeads[i];
      }
    }

    public EvalIndex build() {
      return new EvalIndex(this);
    }

    private static int[] filled(int size) {
      int[] a = new int[size];
      Arrays.fill(a, -1);
      return a;
    }
  }

  private static final class Counts {
    long documents;
    long indexed;
    long whole;
    long tooShort;
    long ngrams;

    SetStats toStats(String name) {
      return new SetStats(name, documents, indexed, whole, tooShort, ngrams);
    }
  }
}
