package dev.sluice.quality.rules;

import dev.sluice.quality.text.Words;

/**
 * The single number the dedup keep policy ranks by ({@code quality_desc}). In [0, 1]:
 * {@code language confidence × share of letters among non-space characters × (0.5 + 0.5 × share of non-empty
 * lines ending in terminal punctuation)}. Cheap, monotone in what the rule sets reward, and documented so a user
 * can predict which copy of a duplicate survives.
 */
public final class QualityScore {
  private QualityScore() {}

  public static double of(String text, double langConfidence) {
    long nonSpace = 0;
    long letters = 0;
    int lines = 0;
    int terminal = 0;
    int lastNonSpace = -1;
    char[] t = text.toCharArray(); // one copy: charAt re-checks the string's coder and bounds on every char
    int n = t.length;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? t[i] : '\n';
      if (c == '\n') {
        if (lastNonSpace >= 0) {
          lines++;
          if (FineWeb.TERMINAL.indexOf(t[lastNonSpace]) >= 0) terminal++;
        }
        lastNonSpace = -1;
        continue;
      }
      if (!Words.isWhitespace(c)) {
        nonSpace++;
        lastNonSpace = i;
        if (Words.isLetter(c)) letters++;
      }
    }
    double lang = Double.isNaN(langConfidence) ? 1.0 : langConfidence;
    double letterShare = nonSpace == 0 ? 0 : letters / (double) nonSpace;
    double terminalShare = lines == 0 ? 0 : terminal / (double) lines;
    return lang * letterShare * (0.5 + 0.5 * terminalShare);
  }
}
