package dev.sluice.augment.text;

/**
 * Cuts ranges out of a text without leaving double spaces: each range goes with one adjacent run of horizontal
 * space — the run before it, unless that run is a line's indentation, else the run after it. Line breaks and
 * punctuation outside the ranges stay, so "Call me, old Ishmael." less "old" is "Call me, Ishmael." and "the whale."
 * less "whale" is "the.". Shared by word deletion and span deletion.
 */
final class Deletions {
  private Deletions() {}

  /** {@code text} less the ranges [starts[i], ends[i]), i < count, which are sorted and do not overlap. */
  static String remove(String text, int[] starts, int[] ends, int count) {
    int n = text.length();
    StringBuilder sb = new StringBuilder(n);
    int at = 0; // next char to copy; chars before it are copied or gone
    for (int r = 0; r < count; r++) {
      int s = starts[r];
      int e = ends[r];
      int b = s;
      while (b > at && WordSpans.isHorizontalSpace(text.charAt(b - 1))) b--;
      boolean indentation = b == 0 || text.charAt(b - 1) == '\n' || text.charAt(b - 1) == '\r';
      if (b < s && !indentation) {
        sb.append(text, at, b);
        at = e;
      } else {
        sb.append(text, at, s);
        int a = e;
        while (a < n && WordSpans.isHorizontalSpace(text.charAt(a))) a++;
        at = a;
      }
    }
    return sb.append(text, at, n).toString();
  }
}
