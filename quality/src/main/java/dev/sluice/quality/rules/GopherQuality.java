package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import dev.sluice.quality.text.PyLines;
import dev.sluice.quality.text.TokenSet;
import dev.sluice.quality.text.Words;
import java.util.List;
import java.util.Map;

/**
 * Gopher quality filter (Rae et al. 2021, MassiveText), with DataTrove's thresholds and its order of checks.
 * Word counts exclude symbol-only tokens; the mean word length is over those words, in code points (Python's
 * {@code len}); a word is alphabetic when one of its code points is a letter. The stop-word rule counts distinct
 * stop words, as the paper ("at least two of the following words") and DataTrove since January 2025 do ({@code
 * stop_word_count: occurrences} counts every occurrence, as DataTrove did before). Lines are Python's
 * {@code splitlines()}.
 */
public final class GopherQuality implements RuleSet {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "gopher_quality";
  public static final List<String> SIGNALS =
      List.of(
          NAME + ".word_count",
          NAME + ".mean_word_length",
          NAME + ".symbol_word_ratio",
          NAME + ".ellipsis_word_ratio",
          NAME + ".bullet_lines_ratio",
          NAME + ".ellipsis_lines_ratio",
          NAME + ".alpha_words_ratio",
          NAME + ".stop_words");

  public record Settings(
      int minWords,
      int maxWords,
      double minMeanWordLength,
      double maxMeanWordLength,
      double maxHashWordRatio,
      double maxEllipsisWordRatio,
      double maxBulletLinesRatio,
      double maxEllipsisLinesRatio,
      double minAlphaWordsRatio,
      int minStopWords,
      List<String> stopWords,
      boolean countStopWordOccurrences)
      implements java.io.Serializable {
    public static Settings defaults() {
      return new Settings(
          50,
          100_000,
          3,
          10,
          0.1,
          0.1,
          0.9,
          0.3,
          0.8,
          2,
          List.of("the", "be", "to", "of", "and", "that", "have", "with"),
          false);
    }

    public static Settings from(Map<String, Object> section) {
      Config c =
          Config.of("quality." + NAME, section)
              .allowOnly(
                  "min_doc_words",
                  "max_doc_words",
                  "min_avg_word_length",
                  "max_avg_word_length",
                  "max_symbol_word_ratio",
                  "max_ellipsis_word_ratio",
                  "max_bullet_lines_ratio",
                  "max_ellipsis_lines_ratio",
                  "min_alpha_words_ratio",
                  "min_stop_words",
                  "stop_words",
                  "stop_word_count");
      Settings d = defaults();
      return new Settings(
          c.getInt("min_doc_words", d.minWords, 0, Integer.MAX_VALUE),
          c.getInt("max_doc_words", d.maxWords, 0, Integer.MAX_VALUE),
          c.getDouble("min_avg_word_length", d.minMeanWordLength),
          c.getDouble("max_avg_word_length", d.maxMeanWordLength),
          c.getDouble("max_symbol_word_ratio", d.maxHashWordRatio),
          c.getDouble("max_ellipsis_word_ratio", d.maxEllipsisWordRatio),
          c.getFraction("max_bullet_lines_ratio", d.maxBulletLinesRatio),
          c.getFraction("max_ellipsis_lines_ratio", d.maxEllipsisLinesRatio),
          c.getFraction("min_alpha_words_ratio", d.minAlphaWordsRatio),
          c.getInt("min_stop_words", d.minStopWords, 0, Integer.MAX_VALUE),
          c.getStringList("stop_words", d.stopWords),
          switch (c.getString("stop_word_count", "distinct")) {
            case "distinct" -> false;
            case "occurrences" -> true;
            default ->
                throw new Config.ConfigException(
                    "quality." + NAME + ".stop_word_count",
                    c.getString("stop_word_count", null),
                    "distinct or occurrences");
          });
    }
  }

  private final Settings s;
  private final TokenSet stopWords;

  public GopherQuality(Settings s) {
    this.s = s;
    this.stopWords = new TokenSet(s.stopWords);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> signals() {
    return SIGNALS;
  }

  @Override
  public java.util.Map<String, java.util.List<Double>> thresholds() {
    return java.util.Map.of(
        NAME + ".word_count", java.util.List.of((double) s.minWords, (double) s.maxWords),
        NAME + ".mean_word_length", java.util.List.of(s.minMeanWordLength, s.maxMeanWordLength),
        NAME + ".symbol_word_ratio", java.util.List.of(s.maxHashWordRatio),
        NAME + ".ellipsis_word_ratio", java.util.List.of(s.maxEllipsisWordRatio),
        NAME + ".bullet_lines_ratio", java.util.List.of(s.maxBulletLinesRatio),
        NAME + ".ellipsis_lines_ratio", java.util.List.of(s.maxEllipsisLinesRatio),
        NAME + ".alpha_words_ratio", java.util.List.of(s.minAlphaWordsRatio),
        NAME + ".stop_words", java.util.List.of((double) s.minStopWords));
  }

  @Override
  public Rejection apply(Scored doc) {
    Words.Spans words = doc.spans();
    char[] c = words.chars;
    int nWords = words.size();
    int nonSymbol = 0;
    long nonSymbolChars = 0;
    int alpha = 0;
    int stop = 0;
    boolean[] seen = s.countStopWordOccurrences ? null : new boolean[stopWords.slots()];
    // code points, as Python counts: only a text with a character beyond the BMP differs
    boolean pairs = doc.charCounts()[4] > 0;
    for (int i = 0; i < nWords; i++) {
      if (!words.symbolOnly(i)) {
        nonSymbol++;
        nonSymbolChars += pairs ? words.codePoints(i) : words.length(i);
      }
      if (pairs ? words.hasAlphaCodePoint(i) : words.hasAlpha(i)) alpha++;
      int slot = stopWords.slot(c, words.start(i), words.end(i));
      if (slot >= 0 && (seen == null || !seen[slot])) {
        stop++;
        if (seen != null) seen[slot] = true;
      }
    }
    double meanLen = nonSymbol == 0 ? 0 : (double) nonSymbolChars / nonSymbol;
    int[] cc = doc.charCounts();
    double hashRatio = nWords == 0 ? 0 : cc[1] / (double) nWords;
    double ellipsisRatio = nWords == 0 ? 0 : (cc[3] + cc[2]) / (double) nWords;
    // lines as Python's splitlines(); a line starts with a bullet after its leading white space,
    // ends with an ellipsis before its trailing white space (str.strip's notion of white space)
    int lineCount = 0;
    int bullet = 0;
    int endEllipsis = 0;
    int n = c.length;
    int ls = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && !PyLines.isBreak(c[i])) continue;
      if (i == n && ls == n) break; // a final break opens no empty line
      lineCount++;
      int a = ls;
      while (a < i && PyLines.isSpace(c[a])) a++;
      if (a < i && (c[a] == '\u2022' || c[a] == '-')) bullet++;
      int b = i;
      while (b > ls && PyLines.isSpace(c[b - 1])) b--;
      if ((b - ls >= 3 && c[b - 1] == '.' && c[b - 2] == '.' && c[b - 3] == '.')
          || (b > ls && c[b - 1] == '\u2026')) {
        endEllipsis++;
      }
      if (i < n && c[i] == '\r' && i + 1 < n && c[i + 1] == '\n') i++;
      ls = i + 1;
    }
    double bulletRatio = lineCount == 0 ? 0 : bullet / (double) lineCount;
    double endEllipsisRatio = lineCount == 0 ? 0 : endEllipsis / (double) lineCount;
    double alphaRatio = nWords == 0 ? 0 : alpha / (double) nWords;

    doc.signal(NAME + ".word_count", nonSymbol);
    doc.signal(NAME + ".mean_word_length", meanLen);
    doc.signal(NAME + ".symbol_word_ratio", hashRatio);
    doc.signal(NAME + ".ellipsis_word_ratio", ellipsisRatio);
    doc.signal(NAME + ".bullet_lines_ratio", bulletRatio);
    doc.signal(NAME + ".ellipsis_lines_ratio", endEllipsisRatio);
    doc.signal(NAME + ".alpha_words_ratio", alphaRatio);
    doc.signal(NAME + ".stop_words", stop);

    if (nonSymbol < s.minWords) return new Rejection(NAME + ".word_count_min", nonSymbol);
    if (nonSymbol > s.maxWords) return new Rejection(NAME + ".word_count_max", nonSymbol);
    if (meanLen < s.minMeanWordLength)
      return new Rejection(NAME + ".mean_word_length_min", meanLen);
    if (meanLen > s.maxMeanWordLength)
      return new Rejection(NAME + ".mean_word_length_max", meanLen);
    if (hashRatio > s.maxHashWordRatio)
      return new Rejection(NAME + ".symbol_word_ratio", hashRatio);
    if (ellipsisRatio > s.maxEllipsisWordRatio)
      return new Rejection(NAME + ".ellipsis_word_ratio", ellipsisRatio);
    if (bulletRatio > s.maxBulletLinesRatio)
      return new Rejection(NAME + ".bullet_lines_ratio", bulletRatio);
    if (endEllipsisRatio > s.maxEllipsisLinesRatio) {
      return new Rejection(NAME + ".ellipsis_lines_ratio", endEllipsisRatio);
    }
    if (alphaRatio < s.minAlphaWordsRatio)
      return new Rejection(NAME + ".alpha_words_ratio", alphaRatio);
    if (stop < s.minStopWords) return new Rejection(NAME + ".stop_words", stop);
    return null;
  }
}
