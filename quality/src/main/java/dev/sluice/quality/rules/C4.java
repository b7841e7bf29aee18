package dev.sluice.quality.rules;

import dev.sluice.core.config.Config;
import dev.sluice.quality.text.PyLines;
import dev.sluice.quality.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * C4's clean-up (Raffel et al. 2020, section 2.2) in DataTrove's order: line rules (too-long word, citation
 * markers removed, terminal punctuation, minimum words, "javascript", policy phrases) drop lines; page rules
 * (lorem ipsum, curly bracket, minimum sentences, optional bad words) drop the document. The kept lines replace
 * the text. Defaults are the paper's and DataTrove's (3 words per line, 5 sentences); {@code variant: tfds}
 * selects the TensorFlow Datasets code's values (5 words per line, 3 sentences).
 */
public final class C4 implements RuleSet {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "c4";
  public static final List<String> SIGNALS =
      List.of(NAME + ".lines_dropped_frac", NAME + ".sentences");

  /** Python's {@code \\d} in a str pattern is any decimal digit: {@code [١]} is a citation too. */
  private static final Pattern CITATION =
      Pattern.compile("\\[\\p{Nd}*]|\\[edit]|\\[citation needed]");

  private static final List<String> POLICY =
      List.of(
          "terms of use",
          "privacy policy",
          "cookie policy",
          "uses cookies",
          "use of cookies",
          "use cookies");

  public record Settings(
      int minWordsPerLine,
      int minSentences,
      int maxWordLength,
      boolean removeCitations,
      boolean terminalPunct,
      boolean loremIpsum,
      boolean javascript,
      boolean curlyBracket,
      boolean policy,
      Set<String> badWords)
      implements java.io.Serializable {
    public static Settings defaults() {
      return new Settings(3, 5, 1000, true, true, true, true, true, true, Set.of());
    }

    public static Settings from(Map<String, Object> section) {
      Config c =
          Config.of("quality." + NAME, section)
              .allowOnly(
                  "variant",
                  "min_words_per_line",
                  "min_sentences",
                  "max_word_length",
                  "remove_citations",
                  "filter_no_terminal_punct",
                  "filter_lorem_ipsum",
                  "filter_javascript",
                  "filter_curly_bracket",
                  "filter_policy",
                  "bad_words_file");
      String variant = c.getChoice("variant", "paper", "paper", "tfds");
      Settings d = defaults();
      int words = variant.equals("tfds") ? 5 : d.minWordsPerLine;
      int sentences = variant.equals("tfds") ? 3 : d.minSentences;
      String badFile = c.getString("bad_words_file", null);
      Set<String> bad = Set.of();
      if (badFile != null) {
        try {
          TreeSet<String> words0 = new TreeSet<>();
          for (String l : Files.readAllLines(Path.of(badFile), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) words0.add(l.strip().toLowerCase(Locale.ROOT));
          }
          bad = Set.copyOf(words0);
        } catch (IOException e) {
          throw new Config.ConfigException(
              "quality.c4.bad_words_file",
              badFile,
              "a readable file, one word per line (" + e.getMessage() + ")");
        }
      }
      return new Settings(
          c.getInt("min_words_per_line", words, 0, Integer.MAX_VALUE),
          c.getInt("min_sentences", sentences, 0, Integer.MAX_VALUE),
          c.getInt("max_word_length", d.maxWordLength, -1, Integer.MAX_VALUE),
          c.getBool("remove_citations", d.removeCitations),
          c.getBool("filter_no_terminal_punct", d.terminalPunct),
          c.getBool("filter_lorem_ipsum", d.loremIpsum),
          c.getBool("filter_javascript", d.javascript),
          c.getBool("filter_curly_bracket", d.curlyBracket),
          c.getBool("filter_policy", d.policy),
          bad);
    }
  }

  private final Settings s;

  public C4(Settings s) {
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
    return java.util.Map.of(NAME + ".sentences", java.util.List.of((double) s.minSentences));
  }

  @Override
  public Rejection apply(Scored doc) {
    String text = doc.text();
    List<String> kept = new ArrayList<>();
    int numSentences = 0;
    int lines = 0;
    int dropped = 0;
    for (String raw : PyLines.split(text)) {
      lines++;
      String line = PyLines.strip(raw);
      // words as Python's line.split(): runs of anything but white space, lengths in code points
      int words = 0;
      int longest = 0;
      int run = 0;
      for (int k = 0, len = line.length(); k <= len; k++) {
        char ch = k < len ? line.charAt(k) : ' ';
        if (PyLines.isSpace(ch)) {
          if (run > 0) {
            words++;
            if (run > longest) longest = run;
            run = 0;
          }
        } else if (!Character.isLowSurrogate(ch)
            || k == 0
            || !Character.isHighSurrogate(line.charAt(k - 1))) {
          run++;
        }
      }
      if (s.maxWordLength >= 0 && longest > s.maxWordLength) {
        dropped++;
        continue;
      }
      if (s.removeCitations && line.indexOf('[') >= 0) line = CITATION.matcher(line).replaceAll("");
      if (s.terminalPunct && (!endsWithTerminal(line) || line.endsWith("..."))) {
        dropped++;
        continue;
      }
      if (words < s.minWordsPerLine) {
        dropped++;
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (s.loremIpsum && lower.contains("lorem ipsum")) {
        doc.signal(NAME + ".lines_dropped_frac", dropped / (double) lines);
        return new Rejection(NAME + ".lorem_ipsum", Double.NaN);
      }
      if (s.javascript && lower.contains("javascript")) {
        dropped++;
        continue;
      }
      if (s.curlyBracket && line.indexOf('{') >= 0) {
        doc.signal(NAME + ".lines_dropped_frac", dropped / (double) lines);
        return new Rejection(NAME + ".curly_bracket", Double.NaN);
      }
      if (s.policy && containsPolicy(lower)) {
        dropped++;
        continue;
      }
      numSentences += countSentences(line);
      kept.add(line);
    }
    doc.signal(NAME + ".lines_dropped_frac", lines == 0 ? 0 : dropped / (double) lines);
    doc.signal(NAME + ".sentences", numSentences);
    if (numSentences < s.minSentences)
      return new Rejection(NAME + ".too_few_sentences", numSentences);
    String cleaned = PyLines.strip(String.join("\n", kept));
    if (!s.badWords.isEmpty()) {
      for (String w : Words.tokens(cleaned.toLowerCase(Locale.ROOT))) {
        if (s.badWords.contains(w)) return new Rejection(NAME + ".bad_words", Double.NaN);
      }
    }
    if (cleaned.isEmpty()) return new Rejection(NAME + ".empty_after_cleaning", 0);
    doc.replaceText(cleaned);
    return null;
  }

  static boolean endsWithTerminal(String line) {
    if (line.isEmpty()) return false;
    char c = line.charAt(line.length() - 1);
    return c == '.' || c == '?' || c == '!' || c == '"' || c == '\'';
  }

  private static boolean containsPolicy(String lower) {
    for (String p : POLICY) if (lower.contains(p)) return true;
    return false;
  }

  /**
   * Sentences in a line: each run of terminal marks (. ! ? 。 ！ ？) followed by a space, a closing quote or
   * bracket, or the end of the line ends one, and trailing words after the last end make one more. "2.0" and
   * "e.g.x" do not end sentences. Cheaper than a BreakIterator by an order of magnitude, same on ordinary prose.
   */
  static int countSentences(String line) {
    char[] c = line.toCharArray();
    int n = 0;
    boolean words = false;
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch == '.'
          || ch == '!'
          || ch == '?'
          || ch == '\u3002'
          || ch == '\uff01'
          || ch == '\uff1f') {
        int j = i;
        while (j + 1 < c.length && ".!?\u3002\uff01\uff1f".indexOf(c[j + 1]) >= 0) j++;
        int k = j + 1;
        while (k < c.length && "\"')]\u201d\u2019".indexOf(c[k]) >= 0) k++;
        boolean cjk = ch >= 0x3000;
        if (words && (cjk || k >= c.length || Character.isWhitespace(c[k]))) {
          n++;
          words = false;
        }
        i = j;
      } else if (Words.isLetterOrDigit(ch)) {
        words = true;
      }
    }
    return words ? n + 1 : n;
  }
}
