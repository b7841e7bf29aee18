package dev.sluice.quality.rules;

import dev.sluice.quality.text.Words;

/**
 * The single number the dedup keep policy ranks by ({@code quality_desc}). In [0, 1]:
 * {@code language confidence × share of letters among non-space characters × (0.5 + 0.5 × share of non-empty
 * lines ending in terminal punctuation)}. Cheap, monotone in what the rule sets reward, and documented so a user
 * can predict which copy of a duplicate survives.
 */
public final class QualityScore {
  /**
   * What ends a line for this score: Latin, CJK, Indic, Arabic and other full stops, ? and !, plus ; closing
   * quotes and …. Its own list, so that matching FineWeb's filter to DataTrove did not move which duplicate wins.
   */
  private static final String TERMINAL =
      ".!?;\"'\u2019\u201d\u3002\uff01\uff1f\uff0e\u0964\u0965\u061f\u06d4\u2026"
          + "\u203c\u203d\u2047\u2048\u2049\u0589\u061e\u0702\u0703\u0704\u1362\u1367\u1368\u166e\u1803\u1809"
          + "\u2cf9\u2cfe\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ufe52\ufe56\ufe57\uff61";

  private QualityScore() {}

  public static double of(String text, double langConfidence) {
    long nonSpace = 0;
    long letters = 0;
    int lines = 0;
    int terminal = 0;
    int lastNonSpace = -1;
    char[] t =
        text.toCharArray(); // one copy: charAt re-checks the string's coder and bounds on every
    // char
    int n = t.length;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? t[i] : '\n';
      if (c == '\n') {
        if (lastNonSpace >= 0) {
          lines++;
          if (TERMINAL.indexOf(t[lastNonSpace]) >= 0) terminal++;
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
