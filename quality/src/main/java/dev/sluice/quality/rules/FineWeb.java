package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import dev.sluice.quality.text.Duplicates;
import dev.sluice.quality.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FineWeb's custom quality filter (Penedo et al. 2024) as DataTrove's FineWebQualityFilter computes it, read at
 * huggingface/datatrove a649de79 (v0.10.0, file last changed in ca1143e3): lines are the text split on '\n' less
 * those Python's {@code strip()} empties; a document is removed when the share of lines ending in one of
 * {@code stop_chars} is {@code <} line_punct_thr, the share of lines of at most short_line_length code points is
 * {@code >} short_line_thr, the code points of repeated lines over the text's code points other than '\n' are
 * {@code >} char_duplicates_ratio, or '\n' per word is {@code >} new_line_ratio. Lengths are code points, as
 * Python's {@code len}. Words are Sluice's tokens (DataTrove uses NLTK's). Two DataTrove quirks are the defaults
 * with the other reading a key away: a line's trailing white space hides its punctuation ({@code strip_line_ends})
 * and every '\n' counts, blank lines' too ({@code new_line_count}).
 */
public final class FineWeb implements RuleSet {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "fineweb";
  public static final List<String> SIGNALS =
      List.of(
          NAME + ".line_punct_ratio",
          NAME + ".short_line_ratio",
          NAME + ".char_dup_ratio",
          NAME + ".list_ratio");

  /** DataTrove's TERMINAL_PUNCTUATION (datatrove/utils/text.py at a649de79), as sorted code points. */
  static final int[] TERMINAL_PUNCTUATION = {
    0x0021, 0x002E, 0x003F, 0x0589, 0x061D, 0x061E, 0x061F, 0x06D4, 0x0700, 0x0701, 0x0702, 0x07F9,
    0x0837, 0x0839, 0x083D, 0x083E, 0x0964, 0x0965, 0x104A, 0x104B, 0x1362, 0x1367, 0x1368, 0x166E,
    0x1735, 0x1736, 0x17D4, 0x17D5, 0x17D6, 0x17D9, 0x17DA, 0x1803, 0x1809, 0x1944, 0x1945, 0x1AA8,
    0x1AA9, 0x1AAA, 0x1AAB, 0x1B5A, 0x1B5B, 0x1B5E, 0x1B5F, 0x1B7D, 0x1B7E, 0x1C3B, 0x1C3C, 0x1C7E,
    0x1C7F, 0x203C, 0x203D, 0x2047, 0x2048, 0x2049, 0x2E2E, 0x2E3C, 0x2E53, 0x2E54, 0x3002, 0xA4FF,
    0xA60E, 0xA60F, 0xA6F3, 0xA6F7, 0xA876, 0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA9C8, 0xA9C9, 0xAA5D,
    0xAA5E, 0xAA5F, 0xAAF0, 0xAAF1, 0xABEB, 0xFE52, 0xFE56, 0xFE57, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61,
    0x10A56, 0x10A57, 0x10F55, 0x10F56, 0x10F57, 0x10F58, 0x10F59, 0x10F86, 0x10F87, 0x10F88,
    0x10F89, 0x11047, 0x11048, 0x110BE, 0x110BF, 0x110C0, 0x110C1, 0x11141, 0x11142, 0x11143,
    0x111C5, 0x111C6, 0x111CD, 0x111DE, 0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C, 0x112A9,
    0x1144B, 0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115CA, 0x115CB, 0x115CC, 0x115CD, 0x115CE,
    0x115CF, 0x115D0, 0x115D1, 0x115D2, 0x115D3, 0x115D4, 0x115D5, 0x115D6, 0x115D7, 0x11641,
    0x11642, 0x1173C, 0x1173D, 0x1173E, 0x11944, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C,
    0x11C41, 0x11C42, 0x11EF7, 0x11EF8, 0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5, 0x16B37,
    0x16B38, 0x16B44, 0x16E98, 0x1BC9F, 0x1DA88
  };

  /** What counts as a newline for new_line_ratio. */
  public enum NewLines {
    /** DataTrove's {@code text.count("\n")}: every '\n', blank lines and a trailing newline included. */
    ALL,
    /** Breaks between the non-blank lines the other ratios count: their number less one. */
    BETWEEN_LINES
  }

  public record Settings(
      double linePunctThr,
      boolean linePunctExcludeZero,
      double shortLineThr,
      int shortLineLength,
      double charDuplicatesRatio,
      double newLineRatio,
      Duplicates.Mode mode,
      List<String> stopChars,
      boolean stripLineEnds,
      NewLines newLines)
      implements java.io.Serializable {
    public Settings {
      stopChars = List.copyOf(stopChars);
      for (String c : stopChars) {
        if (c.isEmpty())
          throw new Config.ConfigException(
              "quality." + NAME + ".stop_chars", c, "non-empty strings");
      }
    }

    /** DataTrove's defaults; stop_chars is its TERMINAL_PUNCTUATION. */
    public static Settings defaults() {
      List<String> stop = new ArrayList<>();
      for (int cp : TERMINAL_PUNCTUATION) stop.add(Character.toString(cp));
      return new Settings(
          0.12, false, 0.67, 30, 0.01, 0.3, Duplicates.Mode.REPEATED, stop, false, NewLines.ALL);
    }

    public static Settings from(Map<String, Object> section) {
      Config c =
          Config.of("quality." + NAME, section)
              .allowOnly(
                  "line_punct_thr",
                  "line_punct_exclude_zero",
                  "short_line_thr",
                  "short_line_length",
                  "char_duplicates_ratio",
                  "new_line_ratio",
                  "dup_count",
                  "stop_chars",
                  "strip_line_ends",
                  "new_line_count");
      Settings d = defaults();
      return new Settings(
          c.getFraction("line_punct_thr", d.linePunctThr),
          c.getBool("line_punct_exclude_zero", d.linePunctExcludeZero),
          c.getFraction("short_line_thr", d.shortLineThr),
          c.getInt("short_line_length", d.shortLineLength, 0, Integer.MAX_VALUE),
          c.getFraction("char_duplicates_ratio", d.charDuplicatesRatio),
          c.getDouble("new_line_ratio", d.newLineRatio),
          Duplicates.Mode.parse(c.getChoice("dup_count", "repeated", "repeated", "all")),
          c.getStringList("stop_chars", d.stopChars),
          c.getBool("strip_line_ends", d.stripLineEnds),
          c.getChoice("new_line_count", "all", "all", "between_lines").equals("all")
              ? NewLines.ALL
              : NewLines.BETWEEN_LINES);
    }
  }

  private final Settings s;

  /** stop_chars of one code point, sorted; the longer ones are matched with endsWith. */
  private final int[] stopCodePoints;

  private final List<String> stopStrings = new ArrayList<>();

  public FineWeb(Settings s) {
    this.s = s;
    Set<Integer> single = new HashSet<>();
    for (String c : s.stopChars) {
      if (c.codePointCount(0, c.length()) == 1) single.add(c.codePointAt(0));
      else stopStrings.add(c);
    }
    this.stopCodePoints = single.stream().mapToInt(Integer::intValue).sorted().toArray();
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
        NAME + ".line_punct_ratio", java.util.List.of(s.linePunctThr),
        NAME + ".short_line_ratio", java.util.List.of(s.shortLineThr),
        NAME + ".char_dup_ratio", java.util.List.of(s.charDuplicatesRatio),
        NAME + ".list_ratio", java.util.List.of(s.newLineRatio));
  }

  @Override
  public Rejection apply(Scored doc) {
    String text = doc.text();
    List<String> lines = new ArrayList<>();
    for (String l : Words.splitNewline(text)) if (strippedEnd(l) > 0) lines.add(l);
    if (lines.isEmpty()) return new Rejection(NAME + ".empty", 0);
    int punct = 0;
    int shortLines = 0;
    for (String l : lines) {
      if (endsWithStop(l, s.stripLineEnds ? strippedEnd(l) : l.length())) punct++;
      if (l.codePointCount(0, l.length()) <= s.shortLineLength) shortLines++;
    }
    double punctRatio = punct / (double) lines.size();
    double shortRatio = shortLines / (double) lines.size();
    int newlines = doc.charCounts()[0];
    long codePointsNoNewline = text.codePointCount(0, text.length()) - newlines;
    double dupRatio = duplicateCodePoints(lines, s.mode) / (double) codePointsNoNewline;
    int words = doc.spans().size();
    int counted = s.newLines == NewLines.ALL ? newlines : lines.size() - 1;
    // a non-blank line has a character that is not white space, hence a token: words > 0 here
    double newlineRatio = words == 0 ? Double.POSITIVE_INFINITY : counted / (double) words;
    doc.signal(NAME + ".line_punct_ratio", punctRatio);
    doc.signal(NAME + ".short_line_ratio", shortRatio);
    doc.signal(NAME + ".char_dup_ratio", dupRatio);
    doc.signal(NAME + ".list_ratio", words == 0 ? 0 : newlineRatio);

    // DataTrove's operators: every comparison is strict
    if (punctRatio < s.linePunctThr && !(punctRatio == 0 && s.linePunctExcludeZero)) {
      return new Rejection(NAME + ".line_punct_ratio", punctRatio);
    }
    if (shortRatio > s.shortLineThr) return new Rejection(NAME + ".short_line_ratio", shortRatio);
    if (dupRatio > s.charDuplicatesRatio) return new Rejection(NAME + ".char_dup_ratio", dupRatio);
    if (newlineRatio > s.newLineRatio) return new Rejection(NAME + ".list_ratio", newlineRatio);
    return null;
  }

  /** Whether {@code line[0, end)} ends in one of stop_chars (Python's str.endswith with a tuple). */
  boolean endsWithStop(String line, int end) {
    if (end == 0) return false;
    if (Arrays.binarySearch(stopCodePoints, line.codePointBefore(end)) >= 0) return true;
    for (String c : stopStrings) if (line.startsWith(c, end - c.length())) return true;
    return false;
  }

  /** The end of {@code line} once Python's str.strip() has removed trailing white space; 0 when it empties it. */
  static int strippedEnd(String line) {
    int e = line.length();
    while (e > 0 && isPythonSpace(line.charAt(e - 1))) e--;
    return e;
  }

  /** Python's str.isspace for one char (every such character is in the BMP): what str.strip() removes. */
  static boolean isPythonSpace(char c) {
    return c == ' '
        || (c >= '\t' && c <= '\r')
        || (c >= '\u001c' && c <= '\u001f')
        || c == '\u0085'
        || c == '\u00a0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000';
  }

  /**
   * DataTrove's find_duplicates over the lines, measured in code points: copies after the first
   * ({@code dup_count: repeated}) or every copy of a repeated line ({@code all}).
   */
  static long duplicateCodePoints(List<String> lines, Duplicates.Mode mode) {
    Map<String, Integer> counts = new HashMap<>(lines.size() * 2);
    for (String l : lines) counts.merge(l, 1, Integer::sum);
    long chars = 0;
    if (mode == Duplicates.Mode.REPEATED) {
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        chars += (e.getValue() - 1L) * e.getKey().codePointCount(0, e.getKey().length());
      }
    } else {
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        if (e.getValue() > 1)
          chars += (long) e.getValue() * e.getKey().codePointCount(0, e.getKey().length());
      }
    }
    return chars;
  }
}
