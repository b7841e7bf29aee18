package dev.sluice.quality.text;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to (count, first position), for n-gram hashes: no boxing, one array.
 * Keys may be any long; slot emptiness is tracked by count 0.
 */
public final class LongCounts {
  private long[] keys;
  private int[] counts;
  private int[] firsts;
  private int size;
  private int mask;

  public LongCounts(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    counts = new int[cap];
    firsts = new int[cap];
    mask = cap - 1;
  }

  public int capacity() {
    return keys.length;
  }

  public void clear() {
    Arrays.fill(counts, 0);
    size = 0;
  }

  private static int spread(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** Adds one occurrence of {@code key} first seen at {@code pos}; returns the count before this one. */
  public int add(long key, int pos) {
    if (size * 2 >= keys.length) grow();
    int i = spread(key) & mask;
    while (counts[i] != 0) {
      if (keys[i] == key) return counts[i]++;
      i = (i + 1) & mask;
    }
    keys[i] = key;
    counts[i] = 1;
    firsts[i] = pos;
    size++;
    return 0;
  }

  /** How many times {@code key} was added. */
  public int count(long key) {
    int i = spread(key) & mask;
    while (counts[i] != 0) {
      if (keys[i] == key) return counts[i];
      i = (i + 1) & mask;
    }
    return 0;
  }

  /** The (count, first position) with the highest count; ties go to the smallest first position. */
  public long[] top() {
    int bestCount = 0;
    int bestFirst = Integer.MAX_VALUE;
    for (int i = 0; i < counts.length; i++) {
      int c = counts[i];
      if (c > bestCount || (c == bestCount && c > 0 && firsts[i] < bestFirst)) {
        bestCount = c;
        bestFirst = firsts[i];
      }
    }
    return new long[] {bestCount, bestFirst};
  }

  private void grow() {
    long[] ok = keys;
    int[] oc = counts;
    int[] of = firsts;
    keys = new long[ok.length * 2];
    counts = new int[ok.length * 2];
    firsts = new int[ok.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < ok.length; i++) {
      if (oc[i] == 0) continue;
      int j = spread(ok[i]) & mask;
      while (counts[j] != 0) j = (j + 1) & mask;
      keys[j] = ok[i];
      counts[j] = oc[i];
      firsts[j] = of[i];
      size++;
    }
  }
}
