package dev.sluice.augment.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real English text for the tests (Moby-Dick from samples/), and word-level helpers to measure what ops did. */
final class Corpus {
  private Corpus() {}

  private static List<String> paragraphs;

  /** Moby-Dick's paragraphs of 10 to 300 words, in file order. */
  static synchronized List<String> mobyParagraphs() {
    if (paragraphs != null) return paragraphs;
    Path file =
        Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text/en/moby-dick.jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode doc = json.readTree(line);
        for (String p : doc.get("text").asText().split("\n\\s*\n")) {
          int words = WordSpans.of(p).count;
          if (words >= 10 && words <= 300) out.add(p.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    paragraphs = List.copyOf(out);
    return paragraphs;
  }

  /** The first {@code n} paragraphs. */
  static List<String> mobyParagraphs(int n) {
    List<String> all = mobyParagraphs();
    return all.subList(0, Math.min(n, all.size()));
  }

  static List<String> words(String text) {
    WordSpans w = WordSpans.of(text);
    List<String> out = new ArrayList<>(w.count);
    for (int i = 0; i < w.count; i++) out.add(text.substring(w.start(i), w.end(i)));
    return out;
  }

  /** Length of the longest common subsequence of two word lists. */
  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] =
            a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }

  /** The text with every word removed: the gaps (punctuation, spaces, line breaks) in order. */
  static String gaps(String text) {
    WordSpans w = WordSpans.of(text);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int i = 0; i < w.count; i++) {
      sb.append(text, at, w.start(i));
      at = w.end(i);
    }
    return sb.append(text, at, text.length()).toString();
  }

  /** The gaps less their spaces: punctuation and line breaks only. */
  static String punctuationAndLines(String text) {
    String g = gaps(text);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '\n' || !Character.isWhitespace(c)) sb.append(c);
    }
    return sb.toString();
  }

  static long lines(String text) {
    return text.chars().filter(c -> c == '\n').count();
  }

  /** Null when {@code s} is valid UTF-16, else where the lone surrogate is. */
  static String loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "high surrogate at " + i;
      }
      if (Character.isLowSurrogate(c)) return "low surrogate at " + i;
    }
    return null;
  }

  /** Combining marks whose base is not a letter, digit or mark (a mark cut off from its word). */
  static int orphanMarks(String s) {
    int count = 0;
    int prev = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (WordSpans.isMark(cp)
          && (prev < 0 || !(Character.isLetterOrDigit(prev) || WordSpans.isMark(prev)))) {
        count++;
      }
      prev = cp;
    }
    return count;
  }
}
