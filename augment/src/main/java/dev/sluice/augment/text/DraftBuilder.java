package dev.sluice.augment.text;

import java.util.Arrays;

/**
 * Appends segments in order, keeping the alternation: consecutive gaps merge into one (a new array only when
 * they are not contiguous in the same one), a word always follows a gap (possibly empty). Stretches of old
 * segments are copied in bulk ({@link #oldRun}), and the arrays of the layout before last are reused ({@link
 * Draft#rebuild}), so a rebuild costs a few array copies, not work per word. Ops build the new layout from the
 * draft's old one: its words and gaps by number.
 */
final class DraftBuilder {
  private final Draft draft;
  private final char[] src;
  private char[][] b;
  private int[] f;
  private int[] t;
  private int n;
  // the pending gap
  private char[] gb;
  private int gf;
  private int gt;

  DraftBuilder(Draft draft, char[][] b, int[] f, int[] t) {
    this.draft = draft;
    this.src = draft.srcChars();
    this.gb = src;
    this.b = b;
    this.f = f;
    this.t = t;
  }

  /** Appends old gap number {@code g} (the gap before old word g). */
  void oldGap(int g) {
    gap(draft.baseAt(2 * g), draft.fromAt(2 * g), draft.toAt(2 * g));
  }

  /** Appends old word number {@code w}. */
  void oldWord(int w) {
    int k = 2 * w + 1;
    word(draft.baseAt(k), draft.fromAt(k), draft.toAt(k));
  }

  /** Appends old words w0 to w1 − 1 and the gaps between them (not the gaps before w0 and after w1 − 1). */
  void oldRun(int w0, int w1) {
    if (w1 <= w0) return;
    int k0 = 2 * w0 + 1;
    int count = 2 * (w1 - w0) - 1;
    push(gb, gf, gt);
    ensure(n + count + 1);
    draft.copySegments(k0, b, f, t, n, count);
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
        if (start > 0) gap(Draft.SPACE, 0, 1);
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
    char[] c = draft.baseAt(k);
    int s = draft.fromAt(k);
    int e = draft.toAt(k);
    while (s < e && WordSpans.isHorizontalSpace(c[s])) s++;
    gap(c, s, e);
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
    draft.install(b, f, t, n);
  }
}
