package dev.sluice.quality.text;

import java.util.Collection;

/**
 * A fixed set of words that answers "is this char range one of them" without making a string of the range: the
 * stop-word test runs once per token of every document.
 */
public final class TokenSet implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final char[][] slots;
  private final int mask;

  public TokenSet(Collection<String> words) {
    int cap = Integer.highestOneBit(Math.max(8, words.size() * 4 - 1)) << 1;
    slots = new char[cap][];
    mask = cap - 1;
    for (String w : words) {
      char[] c = w.toCharArray();
      int i = hash(c, 0, c.length) & mask;
      while (slots[i] != null && !java.util.Arrays.equals(slots[i], c)) i = (i + 1) & mask;
      slots[i] = c;
    }
  }

  private static int hash(char[] c, int s, int e) {
    int h = 0;
    for (int k = s; k < e; k++) h = 31 * h + c[k];
    return h ^ (h >>> 16);
  }

  /** True when chars [s, e) of {@code c} spell one of the words. */
  public boolean contains(char[] c, int s, int e) {
    return slot(c, s, e) >= 0;
  }

  /** Which of the words chars [s, e) spell, as a number below {@link #slots()}; -1 for none. */
  public int slot(char[] c, int s, int e) {
    int i = hash(c, s, e) & mask;
    char[] w;
    while ((w = slots[i]) != null) {
      if (w.length == e - s && java.util.Arrays.equals(w, 0, w.length, c, s, e)) return i;
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** An upper bound of {@link #slot}'s answers. */
  public int slots() {
    return slots.length;
  }
}
