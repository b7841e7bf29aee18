package dev.sluice.quality.rules;

import java.util.Map;
import java.util.TreeMap;

/** A document's text as it moves through the rule sets, with the signals they measured. */
public final class Scored {
  private String text;
  private dev.sluice.quality.text.Words.Spans spans;
  private final TreeMap<String, Double> signals = new TreeMap<>();

  public Scored(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Rule sets that clean text (C4's line filter) replace it here. */
  public void replaceText(String text) {
    this.text = text;
    this.spans = null;
    this.counts = null;
  }

  private int[] counts;

  /**
   * Occurrences in the text of '\n', '#', '…', "..." (non-overlapping) and low surrogates (one per character
   * beyond the BMP), counted in one pass and cached.
   */
  public int[] charCounts() {
    if (counts == null) {
      int nl = 0;
      int hash = 0;
      int ell = 0;
      int dots = 0;
      int run = 0;
      int low = 0;
      char[] c = spans().chars; // the token pass's copy of the text: one copy per text
      for (char ch : c) {
        if (ch >= '\uDC00' && ch <= '\uDFFF') low++;
        if (ch == '.') {
          run++;
          if (run == 3) {
            dots++;
            run = 0;
          }
          continue;
        }
        run = 0;
        if (ch == '\n') nl++;
        else if (ch == '#') hash++;
        else if (ch == '\u2026') ell++;
      }
      counts = new int[] {nl, hash, ell, dots, low};
    }
    return counts;
  }

  /** The text's tokens as char ranges ({@link dev.sluice.quality.text.Words#spans}), computed once per text. */
  public dev.sluice.quality.text.Words.Spans spans() {
    if (spans == null) spans = dev.sluice.quality.text.Words.spans(text);
    return spans;
  }

  public void signal(String name, double value) {
    signals.put(name, value);
  }

  public Map<String, Double> signals() {
    return signals;
  }
}
