package dev.sluice.augment.text;

/**
 * Cutting words out of a {@link Draft} without leaving double spaces, and masking them. A deleted unit (a word, or
 * for span deletion a run of words on one line with the punctuation between them) goes with one adjacent run of
 * horizontal space: the run before it, unless that run is a line's indentation, else the run after it. Line breaks
 * and the punctuation around the unit stay, so "Call me, old Ishmael." less "old" is "Call me, Ishmael." and "the
 * whale." less "whale" is "the.".
 */
final class Cuts {
  private Cuts() {}

  /** Deletes the words marked {@code gone} (of m); with {@code runs}, consecutive ones on a line go as one unit. */
  static void delete(Draft d, boolean[] gone, int m, boolean runs) {
    rewrite(d, gone, m, runs, null);
  }

  /** Replaces each run of consecutive {@code covered} words on one line, and what is between them, by {@code token}. */
  static void mask(Draft d, boolean[] covered, int m, char[] token) {
    rewrite(d, covered, m, true, token);
  }

  /** Copies the draft, each marked unit cut out (token null) or replaced by {@code token}. */
  private static void rewrite(Draft d, boolean[] marked, int m, boolean runs, char[] token) {
    DraftBuilder out = d.rebuild();
    out.oldGap(0);
    int kept = 0; // the next old word to copy; the gap before it is already out
    int i = 0;
    while (i < m) {
      if (!marked[i]) {
        i++;
        continue;
      }
      if (i > kept) {
        out.oldRun(kept, i);
        out.oldGap(i);
      }
      int j = i + 1;
      if (runs) while (j < m && marked[j] && !d.lineBreakBefore(j)) j++;
      if (token != null) {
        out.word(token, 0, token.length);
        out.oldGap(j);
      } else if (out.dropTrailingSpace()) {
        // the gaps inside the unit go with it; then one run of space, before else after
        out.oldGap(j);
      } else {
        out.oldGapLessLeadingSpace(j);
      }
      kept = j;
      i = j;
    }
    if (m > kept) {
      out.oldRun(kept, m);
      out.oldGap(m);
    }
    out.done();
  }
}
