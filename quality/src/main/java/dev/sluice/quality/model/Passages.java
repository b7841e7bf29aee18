package dev.sluice.quality.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into passages of at most {@code maxChars} at line breaks (a single line longer than that is cut
 * at the last space before the limit, or at the limit), so that long books and short pages give examples of one
 * size, near the length the classifier scores in a crawl. Passages shorter than {@code minChars} (after
 * stripping) are left out. Each passage is a substring of the document: its line structure is kept.
 */
public final class Passages {
  private Passages() {}

  public static List<String> split(String text, int maxChars, int minChars) {
    if (maxChars < 1 || minChars < 0 || minChars > maxChars) {
      throw new IllegalArgumentException("passages: min " + minChars + ", max " + maxChars);
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = Math.min(n, start + maxChars);
      if (end < n) {
        int nl = text.lastIndexOf('\n', end - 1);
        if (nl > start) {
          end = nl + 1;
        } else {
          int sp = text.lastIndexOf(' ', end - 1);
          if (sp > start) end = sp + 1;
        }
      }
      String p = text.substring(start, end).strip();
      if (!p.isEmpty() && p.length() >= minChars) out.add(p);
      start = end;
    }
    return out;
  }
}
