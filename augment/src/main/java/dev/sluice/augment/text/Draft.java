package dev.sluice.augment.text;

import java.util.Arrays;

/**
 * A document while a policy augments it: its words and the gaps between them, tokenized once ({@link WordSpans}),
 * edited in place by the ops, and turned back into a string once at the end. Segments alternate gap, word, gap, ...,
 * word, gap (2·words + 1 of them; gaps may be empty); each is a char range of a backing array: the source text's
 * chars, or a new word (a synonym, "[MASK]"). Ops that need the text itself (sentence shuffling) take {@link #text()}
 * and hand back a new one; the next word op tokenizes that. This is what makes five ops cost about one pass over the
 * text rather than five tokenizations and five copies.
 */
final class Draft {
  static final char[] SPACE = {' '};

  /** Texts longer than this do not keep their buffers for the next document (a thread keeps one Draft). */
  private static final int KEEP_CHARS = 1 << 20;

  private String text; // the current text, or null when the segments are newer
  private boolean tokenized;
  private char[] src; // the chars of the text last tokenized (a buffer: may be longer)
  private int srcLength;
  private int[] bounds; // the scanner's buffer
  private char[][] base; // per segment: the array it is a range of; null for src
  private int[] from;
  private int[] to;
  private int segs;
  // the arrays of the layout before the current one, reused by the next rebuild
  private char[][] spareBase;
  private int[] spareFrom;
  private int[] spareTo;
  private char[] out; // render buffer

  /** Scratch arrays for the ops, kept with the draft so a thread's documents reuse them. */
  final Scratch scratch = new Scratch();

  Draft() {}

  static Draft of(String text) {
    Draft d = new Draft();
    d.reset(text);
    return d;
  }

  /** Starts over on another document, keeping the buffers (unless the last document was a huge one). */
  void reset(String newText) {
    if (src != null && src.length > KEEP_CHARS) {
      src = null;
      bounds = null;
      base = spareBase = null;
      from = to = spareFrom = spareTo = null;
      out = null;
      scratch.clear();
    }
    text = newText;
    tokenized = false;
    segs = 0;
  }

  /** The current text: the input instance itself while nothing has changed it. */
  String text() {
    if (text == null) text = render();
    return text;
  }

  /** Replaces the whole text (an op that works on the string); the words are read again when next needed. */
  void setText(String newText) {
    text = newText;
    tokenized = false;
    segs = 0;
  }

  /** The chars the unedited segments are ranges of ({@link #wordBase} returns this array for them). */
  char[] source() {
    tokenize();
    return src;
  }

  /** How many chars of {@link #source()} are the text's. */
  int sourceLength() {
    tokenize();
    return srcLength;
  }

  /** The number of words; call it before the word accessors below, which assume the words are read. */
  int words() {
    tokenize();
    return segs >> 1;
  }

  char[] wordBase(int w) {
    char[] b = base[2 * w + 1];
    return b != null ? b : src;
  }

  private char[] baseOf(int k) {
    char[] b = base[k];
    return b != null ? b : src;
  }

  int wordFrom(int w) {
    return from[2 * w + 1];
  }

  int wordTo(int w) {
    return to[2 * w + 1];
  }

  /** Replaces word {@code w} by the chars of {@code word} (one word; the array is kept, never written). */
  void setWord(int w, char[] word) {
    int k = 2 * w + 1;
    base[k] = word;
    from[k] = 0;
    to[k] = word.length;
    text = null;
  }

  /** True when words a and b have the same chars. */
  boolean sameWord(int a, int b) {
    int ka = 2 * a + 1;
    int kb = 2 * b + 1;
    return Arrays.equals(baseOf(ka), from[ka], to[ka], baseOf(kb), from[kb], to[kb]);
  }

  /** Puts old word {@code at[p]} at position p for the {@code count} positions p in {@code positions}; the gaps
   * stay. The positions must hold every p with at[p] ≠ p. */
  void moveWords(int[] at, int[] positions, int count) {
    char[][] b = new char[count][];
    int[] f = new int[count];
    int[] t = new int[count];
    for (int i = 0; i < count; i++) {
      int k = 2 * at[positions[i]] + 1;
      b[i] = base[k];
      f[i] = from[k];
      t[i] = to[k];
    }
    for (int i = 0; i < count; i++) {
      int k = 2 * positions[i] + 1;
      base[k] = b[i];
      from[k] = f[i];
      to[k] = t[i];
    }
    text = null;
  }

  /** True when word w opens the text or follows . ! ? … or a blank line. */
  boolean sentenceStart(int w) {
    if (w == 0) return true;
    int k = 2 * w;
    char[] c = baseOf(k);
    for (int i = from[k]; i < to[k]; i++) {
      char ch = c[i];
      if (ch == '.' || ch == '!' || ch == '?' || ch == '…') return true;
      if (ch == '\n') {
        int j = i + 1;
        while (j < to[k] && (c[j] == '\r' || WordSpans.isHorizontalSpace(c[j]))) j++;
        if (j < to[k] && c[j] == '\n') return true;
      }
    }
    return false;
  }

  /** True when the gap before word w (w ≥ 1) holds a line break. */
  boolean lineBreakBefore(int w) {
    int k = 2 * w;
    char[] c = baseOf(k);
    for (int i = from[k]; i < to[k]; i++) if (c[i] == '\n' || c[i] == '\r') return true;
    return false;
  }

  private void tokenize() {
    if (tokenized) return;
    int n = text.length();
    if (src == null || src.length < n) src = new char[n + n / 4 + 16];
    text.getChars(0, n, src, 0);
    srcLength = n;
    if (bounds == null || bounds.length < n + 3) bounds = new int[n + n / 4 + 16];
    WordSpans w = WordSpans.of(src, n, bounds);
    segs = 2 * w.count + 1;
    if (base == null || base.length < segs) {
      int cap = segs + segs / 2 + 16;
      base = new char[cap][];
      from = new int[cap];
      to = new int[cap];
    } else {
      Arrays.fill(base, 0, segs, null);
    }
    System.arraycopy(w.bounds, 0, from, 0, segs);
    System.arraycopy(w.bounds, 1, to, 0, segs);
    tokenized = true;
  }

  private String render() {
    int total = 0;
    for (int k = 0; k < segs; k++) total += to[k] - from[k];
    if (out == null || out.length < total) out = new char[total + total / 4 + 16];
    int o = 0;
    int k = 0;
    while (k < segs) {
      // copy runs of segments that are contiguous in the same array at once
      char[] b = base[k];
      int f = from[k];
      int t = to[k];
      k++;
      while (k < segs && base[k] == b && from[k] == t) t = to[k++];
      if (b == null) b = src;
      System.arraycopy(b, f, out, o, t - f);
      o += t - f;
    }
    return new String(out, 0, total);
  }

  /** Starts a new segment list for this draft; {@link DraftBuilder#done()} installs it. */
  DraftBuilder rebuild() {
    tokenize();
    int want = segs + segs / 4 + 16;
    if (spareBase != null && spareBase.length >= want) {
      return new DraftBuilder(this, spareBase, spareFrom, spareTo);
    }
    int cap = want + want / 2;
    return new DraftBuilder(this, new char[cap][], new int[cap], new int[cap]);
  }

  /** Makes a builder's segments the draft's; the old arrays are kept for the next rebuild. */
  void install(char[][] b, int[] f, int[] t, int n) {
    spareBase = base;
    spareFrom = from;
    spareTo = to;
    base = b;
    from = f;
    to = t;
    segs = n;
    text = null;
  }

  // for DraftBuilder: the old segments
  char[] srcChars() {
    return src;
  }

  char[] baseAt(int k) {
    return baseOf(k);
  }

  int fromAt(int k) {
    return from[k];
  }

  int toAt(int k) {
    return to[k];
  }

  /** Copies old segments [k, k + count) into the given arrays at {@code at}. */
  void copySegments(int k, char[][] b, int[] f, int[] t, int at, int count) {
    System.arraycopy(base, k, b, at, count);
    System.arraycopy(from, k, f, at, count);
    System.arraycopy(to, k, t, at, count);
  }
}
