package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import dev.sluice.quality.text.Duplicates;
import dev.sluice.quality.text.LongCounts;
import dev.sluice.quality.text.Words;
import java.util.List;
import java.util.Map;
import net.openhft.hashing.LongHashFunction;

/**
 * Gopher repetition filter (Rae et al. 2021, table A1): duplicate line and paragraph fractions by count and by
 * characters, the character share of the most frequent 2-, 3- and 4-gram, and the character share of duplicated
 * 5- to 10-grams. Thresholds and the counting of duplicates follow DataTrove; {@code dup_count: all} switches
 * line/paragraph counting to DCLM's (every copy counts). N-grams are compared by a 64-bit hash of their words.
 */
public final class GopherRepetition implements RuleSet {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "gopher_repetition";
  public static final List<String> SIGNALS =
      List.of(
          NAME + ".dup_para_frac",
          NAME + ".dup_para_char_frac",
          NAME + ".dup_line_frac",
          NAME + ".dup_line_char_frac",
          NAME + ".top_2_gram",
          NAME + ".top_3_gram",
          NAME + ".top_4_gram",
          NAME + ".dup_5_gram",
          NAME + ".dup_6_gram",
          NAME + ".dup_7_gram",
          NAME + ".dup_8_gram",
          NAME + ".dup_9_gram",
          NAME + ".dup_10_gram");
  private static final LongHashFunction XX = LongHashFunction.xx3();

  public record Settings(
      double dupLineFrac,
      double dupParaFrac,
      double dupLineCharFrac,
      double dupParaCharFrac,
      double[] topNgramFrac,
      double[] dupNgramFrac,
      Duplicates.Mode mode)
      implements java.io.Serializable {
    /** topNgramFrac is indexed by n for n = 2..4; dupNgramFrac by n for n = 5..10. */
    public static Settings defaults() {
      double[] top = new double[5];
      top[2] = 0.20;
      top[3] = 0.18;
      top[4] = 0.16;
      double[] dup = new double[11];
      dup[5] = 0.15;
      dup[6] = 0.14;
      dup[7] = 0.13;
      dup[8] = 0.12;
      dup[9] = 0.11;
      dup[10] = 0.10;
      return new Settings(0.3, 0.3, 0.2, 0.2, top, dup, Duplicates.Mode.REPEATED);
    }

    public static Settings from(Map<String, Object> section) {
      Config c =
          Config.of("quality." + NAME, section)
              .allowOnly(
                  "dup_line_frac",
                  "dup_para_frac",
                  "dup_line_char_frac",
                  "dup_para_char_frac",
                  "top_2_gram",
                  "top_3_gram",
                  "top_4_gram",
                  "dup_5_gram",
                  "dup_6_gram",
                  "dup_7_gram",
                  "dup_8_gram",
                  "dup_9_gram",
                  "dup_10_gram",
                  "dup_count");
      Settings d = defaults();
      double[] top = d.topNgramFrac.clone();
      for (int n = 2; n <= 4; n++) top[n] = c.getFraction("top_" + n + "_gram", top[n]);
      double[] dup = d.dupNgramFrac.clone();
      for (int n = 5; n <= 10; n++) dup[n] = c.getFraction("dup_" + n + "_gram", dup[n]);
      return new Settings(
          c.getFraction("dup_line_frac", d.dupLineFrac),
          c.getFraction("dup_para_frac", d.dupParaFrac),
          c.getFraction("dup_line_char_frac", d.dupLineCharFrac),
          c.getFraction("dup_para_char_frac", d.dupParaCharFrac),
          top,
          dup,
          Duplicates.Mode.parse(c.getChoice("dup_count", "repeated", "repeated", "all")));
    }
  }

  private final Settings s;

  public GopherRepetition(Settings s) {
    this.s = s;
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
    java.util.Map<String, java.util.List<Double>> m = new java.util.TreeMap<>();
    m.put(NAME + ".dup_para_frac", java.util.List.of(s.dupParaFrac));
    m.put(NAME + ".dup_para_char_frac", java.util.List.of(s.dupParaCharFrac));
    m.put(NAME + ".dup_line_frac", java.util.List.of(s.dupLineFrac));
    m.put(NAME + ".dup_line_char_frac", java.util.List.of(s.dupLineCharFrac));
    for (int n = 2; n <= 4; n++)
      m.put(NAME + ".top_" + n + "_gram", java.util.List.of(s.topNgramFrac[n]));
    for (int n = 5; n <= 10; n++)
      m.put(NAME + ".dup_" + n + "_gram", java.util.List.of(s.dupNgramFrac[n]));
    return m;
  }

  @Override
  public Rejection apply(Scored doc) {
    String text = doc.text();
    // lengths in code points, as Python counts: only a text with a character beyond the BMP differs
    boolean pairs = doc.charCounts()[4] > 0;
    double len = Math.max(1, pairs ? text.codePointCount(0, text.length()) : text.length());
    List<String> paragraphs = Words.splitNewlineRuns(text.strip(), 2);
    Duplicates.Count para = Duplicates.find(paragraphs, s.mode);
    List<String> lines = Words.splitNewlineRuns(text, 1);
    Duplicates.Count line = Duplicates.find(lines, s.mode);
    double paraFrac = para.elements() / (double) paragraphs.size();
    double paraCharFrac = para.chars() / len;
    double lineFrac = line.elements() / (double) lines.size();
    double lineCharFrac = line.chars() / len;
    doc.signal(NAME + ".dup_para_frac", paraFrac);
    doc.signal(NAME + ".dup_para_char_frac", paraCharFrac);
    doc.signal(NAME + ".dup_line_frac", lineFrac);
    doc.signal(NAME + ".dup_line_char_frac", lineCharFrac);

    Words.Spans words = doc.spans();
    int nw = words.size();
    long[] wh = new long[nw];
    int[] wl = new int[nw];
    for (int i = 0; i < nw; i++) {
      wh[i] = XX.hashChars(words.chars, words.start(i), words.length(i));
      wl[i] = pairs ? words.codePoints(i) : words.length(i);
    }
    // h[i] is the hash of the n words from i: extended by one word per n, so each n costs one pass
    long[] h = new long[nw];
    for (int i = 0; i < nw; i++) h[i] = extend(SEED, wh[i]);
    double[] top = new double[5];
    double[] dup = new double[11];
    boolean[] repeated5 = null;
    for (int n = 2; n <= 10; n++) {
      for (int i = 0; i + n <= nw; i++) h[i] = extend(h[i], wh[i + n - 1]);
      if (n <= 4) {
        top[n] = topNgramChars(h, wl, n) / len;
        doc.signal(NAME + ".top_" + n + "_gram", top[n]);
      } else {
        if (n == 5) repeated5 = repeatedAt(h, n);
        dup[n] = duplicatedNgramChars(h, wl, n, repeated5) / len;
        doc.signal(NAME + ".dup_" + n + "_gram", dup[n]);
      }
    }

    if (paraFrac > s.dupParaFrac) return new Rejection(NAME + ".dup_para_frac", paraFrac);
    if (paraCharFrac > s.dupParaCharFrac)
      return new Rejection(NAME + ".dup_para_char_frac", paraCharFrac);
    if (lineFrac > s.dupLineFrac) return new Rejection(NAME + ".dup_line_frac", lineFrac);
    if (lineCharFrac > s.dupLineCharFrac)
      return new Rejection(NAME + ".dup_line_char_frac", lineCharFrac);
    for (int n = 2; n <= 4; n++) {
      if (top[n] > s.topNgramFrac[n]) return new Rejection(NAME + ".top_" + n + "_gram", top[n]);
    }
    for (int n = 5; n <= 10; n++) {
      if (dup[n] > s.dupNgramFrac[n]) return new Rejection(NAME + ".dup_" + n + "_gram", dup[n]);
    }
    return null;
  }

  private static final long SEED = 0x9E3779B97F4A7C15L;

  /** The hash of an n-gram followed by one more word, from the n-gram's hash and the word's. */
  private static long extend(long h, long word) {
    return Long.rotateLeft(h ^ word, 27) * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
  }

  /** Scratch table reused across documents (a rule set is used by one thread at a time: one per DoFn instance). */
  private transient LongCounts scratch;

  /** A cleared table for about {@code n} keys (one per n-gram size would allocate 9 a document). */
  private LongCounts table(int n) {
    if (scratch == null
        || scratch.capacity() < n * 2
        || scratch.capacity() > Math.max(64, n * 16)) {
      scratch = new LongCounts(n);
    } else {
      scratch.clear();
    }
    return scratch;
  }

  /**
   * Characters of the most frequent n-gram (words joined by spaces) times its count; ties go to the n-gram seen
   * first, as with Python's Counter.most_common. {@code gram[i]} is the hash of the n-gram that starts at word i.
   */
  long topNgramChars(long[] gram, int[] wl, int n) {
    int count = gram.length - n + 1;
    if (count <= 0) return 0;
    LongCounts counts = table(count);
    for (int i = 0; i < count; i++) counts.add(gram[i], i);
    long[] top = counts.top();
    long chars = n - 1;
    for (int k = 0; k < n; k++) chars += wl[(int) top[1] + k];
    return chars * top[0];
  }

  /** Which n-grams occur more than once in the document (by start position). */
  private boolean[] repeatedAt(long[] gram, int n) {
    int count = gram.length - n + 1;
    boolean[] out = new boolean[Math.max(0, count)];
    if (count <= 0) return out;
    LongCounts counts = table(count);
    for (int i = 0; i < count; i++) counts.add(gram[i], i);
    for (int i = 0; i < count; i++) out[i] = counts.count(gram[i]) > 1;
    return out;
  }

  /**
   * DataTrove's find_all_duplicate: characters of n-grams (joined without spaces) already seen, skipping past each.
   * {@code repeated5[i]} says whether the 5-gram at i occurs twice or more: an n-gram (n &gt;= 5) whose leading
   * 5-gram occurs once can be neither a repeat nor repeated later, so it never needs a table lookup — in prose
   * that is nearly all of them.
   */
  long duplicatedNgramChars(long[] gram, int[] wl, int n, boolean[] repeated5) {
    int nw = gram.length;
    LongCounts unique = table(nw);
    long repeated = 0;
    int idx = 0;
    while (idx < nw - n + 1) {
      if (repeated5[idx] && unique.add(gram[idx], idx) > 0) {
        for (int k = 0; k < n; k++) repeated += wl[idx + k];
        idx += n;
      } else {
        idx += 1;
      }
    }
    return repeated;
  }
}
