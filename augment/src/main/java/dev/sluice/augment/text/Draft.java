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

  /** Puts old word {@code at[p]} at position p, for every p < m; the gaps stay. */
  void permuteWords(int[] at, int m) {
    int[] positions = new int[m];
    for (int p = 0; p < m; p++) positions[p] = p;
    moveWords(at, positions, m);
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

  /** Starts a new segment list for this draft; {@link Builder#done()} installs it. */
  Builder rebuild() {
    tokenize();
    return new Builder();
  }

  /**
   * Appends segments in order, keeping the alternation: consecutive gaps merge into one (a new array only when
   * they are not contiguous in the same one), a word always follows a gap (possibly empty). Stretches of old
   * segments are copied in bulk ({@link #oldRun}), and the arrays of the layout before last are reused, so a
   * rebuild costs a few array copies, not work per word.
   */
  final class Builder {
    private char[][] b;
    private int[] f;
    private int[] t;
    private int n;
    // the pending gap
    private char[] gb = src;
    private int gf;
    private int gt;

    private Builder() {
      int want = segs + segs / 4 + 16;
      if (spareBase != null && spareBase.length >= want) {
        b = spareBase;
        f = spareFrom;
        t = spareTo;
      } else {
        b = new char[want + want / 2][];
        f = new int[b.length];
        t = new int[b.length];
      }
    }

    /** Appends old gap number {@code g} (the gap before old word g). */
    void oldGap(int g) {
      gap(baseOf(2 * g), from[2 * g], to[2 * g]);
    }

    /** Appends old word number {@code w}. */
    void oldWord(int w) {
      int k = 2 * w + 1;
      word(baseOf(k), from[k], to[k]);
    }

    /** Appends old words w0 to w1 − 1 and the gaps between them (not the gaps before w0 and after w1 − 1). */
    void oldRun(int w0, int w1) {
      if (w1 <= w0) return;
      int k0 = 2 * w0 + 1;
      int count = 2 * (w1 - w0) - 1;
      push(gb, gf, gt);
      ensure(n + count + 1);
      System.arraycopy(base, k0, b, n, count);
      System.arraycopy(from, k0, f, n, count);
      System.arraycopy(to, k0, t, n, count);
      n += count;
      gf = gt = 0;
    }

    void gap(char[] cb, int cf, int ct) {
      if (ct == cf) return;
      if (gt == gf) {
        gb = cb;
        gf = cf;
        gt = ct;
      } else if (cb == gb && cf == gt) {
        gt = ct;
      } else {
        char[] merged = new char[gt - gf + ct - cf];
        System.arraycopy(gb, gf, merged, 0, gt - gf);
        System.arraycopy(cb, cf, merged, gt - gf, ct - cf);
        gb = merged;
        gf = 0;
        gt = merged.length;
      }
    }

    void word(char[] cb, int cf, int ct) {
      push(gb, gf, gt);
      push(cb, cf, ct);
      gf = gt = 0;
    }

    /** Appends a thesaurus term, one word per space-separated part, single spaces between. */
    void words(char[] term) {
      int start = 0;
      for (int i = 0; i <= term.length; i++) {
        if (i == term.length || term[i] == ' ') {
          if (start > 0) gap(SPACE, 0, 1);
          word(term, start, i);
          start = i + 1;
        }
      }
    }

    /**
     * Drops the run of horizontal space that ends the pending gap, unless the run is a line's indentation (after a
     * line break, or at the start of the text); true when it dropped one.
     */
    boolean dropTrailingSpace() {
      int s = gt;
      while (s > gf && WordSpans.isHorizontalSpace(gb[s - 1])) s--;
      if (s == gt) return false;
      boolean indentation = s == gf ? n == 0 : gb[s - 1] == '\n' || gb[s - 1] == '\r';
      if (indentation) return false;
      gt = s;
      return true;
    }

    /** Appends old gap {@code g} less the run of horizontal space it starts with. */
    void oldGapLessLeadingSpace(int g) {
      int k = 2 * g;
      char[] c = baseOf(k);
      int s = from[k];
      while (s < to[k] && WordSpans.isHorizontalSpace(c[s])) s++;
      gap(c, s, to[k]);
    }

    private void ensure(int size) {
      if (size > b.length) {
        int cap = Math.max(size, b.length * 2);
        b = Arrays.copyOf(b, cap);
        f = Arrays.copyOf(f, cap);
        t = Arrays.copyOf(t, cap);
      }
    }

    private void push(char[] cb, int cf, int ct) {
      if (n == b.length) ensure(n + 1);
      b[n] = cb == src ? null : cb;
      f[n] = cf;
      t[n++] = ct;
    }

    void done() {
      push(gb, gf, gt);
      spareBase = base;
      spareFrom = from;
      spareTo = to;
      base = b;
      from = f;
      to = t;
      segs = n;
      text = null;
    }
  }
}
