package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import dev.sluice.quality.text.Duplicates;
import dev.sluice.quality.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FineWeb's custom quality filter (Penedo et al. 2024; DataTrove's FineWebQualityFilter): share of lines ending in
 * terminal punctuation, share of short lines, duplicated-line character fraction, and newlines per word.
 */
public final class FineWeb implements RuleSet {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "fineweb";
  /** Terminal punctuation across scripts (a subset of DataTrove's TERMINAL_PUNCTUATION). */
  static final String TERMINAL = ".!?;\"'\u2019\u201d\u3002\uff01\uff1f\uff0e\u0964\u0965\u061f\u06d4\u2026"
      + "\u203c\u203d\u2047\u2048\u2049\u0589\u061e\u0702\u0703\u0704\u1362\u1367\u1368\u166e\u1803\u1809"
      + "\u2cf9\u2cfe\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ufe52\ufe56\ufe57\uff61";

  public record Settings(double linePunctThr, boolean linePunctExcludeZero, double shortLineThr,
      int shortLineLength, double charDuplicatesRatio, double newLineRatio, Duplicates.Mode mode) implements java.io.Serializable {
    public static Settings defaults() {
      return new Settings(0.12, false, 0.67, 30, 0.01, 0.3, Duplicates.Mode.REPEATED);
    }

    public static Settings from(Map<String, Object> section) {
      Config c = Config.of("quality." + NAME, section).allowOnly("line_punct_thr", "line_punct_exclude_zero",
          "short_line_thr", "short_line_length", "char_duplicates_ratio", "new_line_ratio", "dup_count");
      Settings d = defaults();
      return new Settings(
          c.getFraction("line_punct_thr", d.linePunctThr),
          c.getBool("line_punct_exclude_zero", d.linePunctExcludeZero),
          c.getFraction("short_line_thr", d.shortLineThr),
          c.getInt("short_line_length", d.shortLineLength, 0, Integer.MAX_VALUE),
          c.getFraction("char_duplicates_ratio", d.charDuplicatesRatio),
          c.getDouble("new_line_ratio", d.newLineRatio),
          Duplicates.Mode.parse(c.getChoice("dup_count", "repeated", "repeated", "all")));
    }
  }

  private final Settings s;

  public FineWeb(Settings s) {
    this.s = s;
  }

  @Override
  public String name() {
    return NAME;
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
    for (String l : Words.splitNewline(text)) if (!l.isBlank()) lines.add(l);
    if (lines.isEmpty()) return new Rejection(NAME + ".empty", 0);
    int punct = 0;
    int shortLines = 0;
    for (String l : lines) {
      if (!l.isEmpty() && TERMINAL.indexOf(l.charAt(l.length() - 1)) >= 0) punct++;
      if (l.length() <= s.shortLineLength) shortLines++;
    }
    double punctRatio = punct / (double) lines.size();
    double shortRatio = shortLines / (double) lines.size();
    long charsNoNewline = text.length() - doc.charCounts()[0];
    double dupRatio = charsNoNewline == 0 ? 0 : Duplicates.find(lines, s.mode).chars() / (double) charsNoNewline;
    int words = doc.spans().size();
    double newlineRatio = words == 0 ? Double.POSITIVE_INFINITY : doc.charCounts()[0] / (double) words;
    doc.signal(NAME + ".line_punct_ratio", punctRatio);
    doc.signal(NAME + ".short_line_ratio", shortRatio);
    doc.signal(NAME + ".char_dup_ratio", dupRatio);
    doc.signal(NAME + ".list_ratio", words == 0 ? 0 : newlineRatio);

    if (punctRatio <= s.linePunctThr && !(punctRatio == 0 && s.linePunctExcludeZero)) {
      return new Rejection(NAME + ".line_punct_ratio", punctRatio);
    }
    if (shortRatio >= s.shortLineThr) return new Rejection(NAME + ".short_line_ratio", shortRatio);
    if (dupRatio >= s.charDuplicatesRatio) return new Rejection(NAME + ".char_dup_ratio", dupRatio);
    if (newlineRatio > s.newLineRatio) return new Rejection(NAME + ".list_ratio", newlineRatio);
    return null;
  }
}
