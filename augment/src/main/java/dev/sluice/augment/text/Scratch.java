package dev.sluice.augment.text;

import java.util.Arrays;

/**
 * Scratch arrays an op needs for one document (a permutation, flags per word, lookups per word), kept by the {@link
 * Draft} so that a thread's documents reuse them instead of allocating a few KB per op per document. Each getter hands
 * out the one array of its kind: an op uses each kind at most once at a time.
 */
final class Scratch {
  private int[] ints = new int[0];
  private long[] longs = new long[0];
  private boolean[] flags = new boolean[0];
  private char[][][] lookups = new char[0][][];

  /** At least n ints, contents undefined. */
  int[] ints(int n) {
    if (ints.length < n) ints = new int[n + n / 2 + 16];
    return ints;
  }

  /** At least n longs, contents undefined. */
  long[] longs(int n) {
    if (longs.length < n) longs = new long[n + n / 2 + 16];
    return longs;
  }

  /** At least n flags, the first n false. */
  boolean[] flags(int n) {
    if (flags.length < n) {
      flags = new boolean[n + n / 2 + 16];
    } else {
      Arrays.fill(flags, 0, n, false);
    }
    return flags;
  }

  /** At least n lookup slots, the first n null. */
  char[][][] lookups(int n) {
    if (lookups.length < n) {
      lookups = new char[n + n / 2 + 16][][];
    } else {
      Arrays.fill(lookups, 0, n, null);
    }
    return lookups;
  }

  /**
   * The indexes 0..count−1 ordered by {@code key[i]} (each in [0, range)), ties in index order: a counting sort, a
   * few passes without a data-dependent branch, where sorting a few dozen pairs was a visible cost. Uses {@link
   * #ints}.
   */
  int[] orderBy(int[] key, int count, int range) {
    int[] start = ints(range + 1);
    Arrays.fill(start, 0, range + 1, 0);
    for (int i = 0; i < count; i++) start[key[i] + 1]++;
    for (int k = 1; k <= range; k++) start[k] += start[k - 1];
    int[] order = new int[count];
    for (int i = 0; i < count; i++) order[start[key[i]]++] = i;
    return order;
  }

  void clear() {
    ints = new int[0];
    longs = new long[0];
    flags = new boolean[0];
    lookups = new char[0][][];
  }
}
