package dev.sluice.augment.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a thesaurus in the MyThes format of LibreOffice/OpenOffice (the WordNet-derived {@code th_en_US}): an
 * encoding line, then for each headword a line {@code word|n} and n sense lines {@code (pos)|syn|syn|...}. Terms tagged
 * "(generic term)", "(similar term)", "(antonym)", "(related term)" are hypernyms, neighbours and opposites, not
 * synonyms: they are dropped, as EDA's WordNet lookup only takes a synset's own lemmas. Also dropped: the headword
 * itself and terms that contain it as a word ("shore up" for "shore": no real replacement), proper nouns (any
 * capital: "A" is no synonym of "ampere" in running text) and terms with characters other than lower-case letters,
 * single spaces, and apostrophes or hyphens between letters. What is left keeps the file's order, duplicates removed.
 */
final class Thesaurus {
  private Thesaurus() {}

  /** Headword (as written, lower case in the shipped file) to its synonyms; headwords with none are left out. */
  static Map<String, List<String>> read(InputStream in) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String encoding = r.readLine();
      if (encoding == null || !Charset.forName(encoding.strip()).equals(StandardCharsets.UTF_8)) {
        throw new IllegalStateException("thesaurus: expected encoding line UTF-8, got " + encoding);
      }
      Map<String, List<String>> out = new LinkedHashMap<>();
      Map<String, String> interned = new java.util.HashMap<>();
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        int bar = line.lastIndexOf('|');
        int senses;
        try {
          senses = bar > 0 ? Integer.parseInt(line.substring(bar + 1)) : -1;
        } catch (NumberFormatException e) {
          senses = -1;
        }
        if (senses < 0) {
          throw new IllegalStateException(
              "thesaurus line " + lineNo + ": expected 'word|senses', got: " + line);
        }
        String head = line.substring(0, bar);
        Set<String> syns = new LinkedHashSet<>();
        for (int s = 0; s < senses; s++) {
          String sense = r.readLine();
          lineNo++;
          if (sense == null) throw new IllegalStateException("thesaurus ends inside " + head);
          addSynonyms(sense, head, syns);
        }
        if (syns.isEmpty() || head.indexOf(' ') >= 0) continue;
        List<String> list = out.computeIfAbsent(head, k -> new ArrayList<>(syns.size()));
        for (String syn : syns) {
          if (!list.contains(syn)) list.add(interned.computeIfAbsent(syn, k -> k));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the thesaurus", e);
    }
  }

  private static void addSynonyms(String sense, String head, Set<String> into) {
    int from = sense.indexOf('|') + 1; // skip "(pos)"
    while (from > 0 && from <= sense.length()) {
      int to = sense.indexOf('|', from);
      if (to < 0) to = sense.length();
      String term = sense.substring(from, to);
      if (usable(term) && !containsWord(term, head)) into.add(term);
      from = to + 1;
    }
  }

  /** True when {@code word} is {@code term} or one of its space- or hyphen-separated words ("shore up"). */
  static boolean containsWord(String term, String word) {
    for (int at = term.indexOf(word); at >= 0; at = term.indexOf(word, at + 1)) {
      int end = at + word.length();
      boolean startOk = at == 0 || term.charAt(at - 1) == ' ' || term.charAt(at - 1) == '-';
      boolean endOk = end == term.length() || term.charAt(end) == ' ' || term.charAt(end) == '-';
      if (startOk && endOk) return true;
    }
    return false;
  }

  /**
   * True when {@code term} is words of lower-case ASCII letters separated by single spaces, where an apostrophe or
   * hyphen only joins two letters: exactly what the word scanner reads back as the same words.
   */
  static boolean usable(String term) {
    int n = term.length();
    if (n == 0) return false;
    for (int i = 0; i < n; i++) {
      char c = term.charAt(i);
      if (c >= 'a' && c <= 'z') continue;
      boolean between =
          i > 0 && i + 1 < n && isLower(term.charAt(i - 1)) && isLower(term.charAt(i + 1));
      if (c == '\'' || c == '-') {
        if (!between) return false;
      } else if (c == ' ') {
        if (i == 0 || i + 1 == n || term.charAt(i + 1) == ' ') return false;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }
}
