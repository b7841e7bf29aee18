package dev.sluice.augment.difficulty;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The code points a character model names, as small ids so that an n-gram packs into a long. Id 0 is the
 * begin-of-text padding (only ever in a history), 1 end-of-text, 2 {@code <unk>} (every code point outside the
 * vocabulary), then the kept code points, most frequent first. An id takes {@link #bitsFor} bits, so the
 * vocabulary keeps at most {@code 2^bits - 3} code points: 4093 at order 5, 253 at order 8.
 */
final class Vocabulary {
  static final int BOS = 0;
  static final int EOS = 1;
  static final int UNK = 2;
  static final int FIRST = 3;

  private final int bits;
  private final int[] codePoints;
  private final char[] bmp = new char[0x10000];
  private final int[] supplementary;
  private final int[] supplementaryIds;

  /** Bits per symbol at {@code order}: as many as fit {@code order} symbols in 64 bits, at most 16. */
  static int bitsFor(int order) {
    return Math.min(16, 64 / order);
  }

  Vocabulary(int bits, int[] codePoints) {
    if (codePoints.length > (1 << bits) - FIRST) {
      throw new IllegalArgumentException(
          codePoints.length + " code points do not fit ids of " + bits + " bits");
    }
    this.bits = bits;
    this.codePoints = codePoints.clone();
    int supp = 0;
    for (int i = 0; i < codePoints.length; i++) {
      int cp = codePoints[i];
      if (cp < 0 || cp > Character.MAX_CODE_POINT) {
        throw new IllegalArgumentException("not a code point: " + cp);
      }
      if (cp < 0x10000) {
        if (bmp[cp] != 0) throw new IllegalArgumentException("code point listed twice: " + cp);
        bmp[cp] = (char) (FIRST + i);
      } else {
        supp++;
      }
    }
    long[] pairs = new long[supp];
    int n = 0;
    for (int i = 0; i < codePoints.length; i++) {
      if (codePoints[i] >= 0x10000) pairs[n++] = ((long) codePoints[i] << 32) | (FIRST + i);
    }
    Arrays.sort(pairs);
    supplementary = new int[supp];
    supplementaryIds = new int[supp];
    for (int i = 0; i < supp; i++) {
      supplementary[i] = (int) (pairs[i] >>> 32);
      supplementaryIds[i] = (int) pairs[i];
      if (i > 0 && supplementary[i] == supplementary[i - 1]) {
        throw new IllegalArgumentException("code point listed twice: " + supplementary[i]);
      }
    }
  }

  /** The {@code 2^bits - 3} most frequent code points of {@code counts} (ties: smaller code point first). */
  static Vocabulary mostFrequent(
      int bits, long[] bmpCounts, Map<Integer, Long> supplementaryCounts) {
    Map<Integer, Long> all = new HashMap<>(supplementaryCounts);
    for (int cp = 0; cp < bmpCounts.length; cp++) if (bmpCounts[cp] > 0) all.put(cp, bmpCounts[cp]);
    int[] order =
        all.entrySet().stream()
            .sorted(
                (a, b) -> {
                  int c = Long.compare(b.getValue(), a.getValue());
                  return c != 0 ? c : Integer.compare(a.getKey(), b.getKey());
                })
            .limit((1 << bits) - FIRST)
            .mapToInt(Map.Entry::getKey)
            .toArray();
    return new Vocabulary(bits, order);
  }

  int bits() {
    return bits;
  }

  /** Symbols a model predicts: the kept code points, {@code <unk>} and end-of-text. */
  int predicted() {
    return codePoints.length + 2;
  }

  /** One past the largest id. */
  int idLimit() {
    return codePoints.length + FIRST;
  }

  int id(int codePoint) {
    if (codePoint < 0x10000) {
      int id = bmp[codePoint];
      return id == 0 ? UNK : id;
    }
    int i = Arrays.binarySearch(supplementary, codePoint);
    return i < 0 ? UNK : supplementaryIds[i];
  }

  int[] codePoints() {
    return codePoints.clone();
  }
}
