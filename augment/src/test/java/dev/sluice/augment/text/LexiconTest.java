package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LexiconTest {
  private static Map<String, List<String>> parse(String mythes) {
    return Thesaurus.read(new ByteArrayInputStream(mythes.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void taggedTermsHeadwordsAndProperNounsAreNotSynonyms() {
    Map<String, List<String>> t =
        parse(
            "UTF-8\n"
                + "abandon|3\n"
                + "(verb)|discard (generic term)|toss (generic term)\n"
                + "(verb)|give up|abandon\n"
                + "(verb)|vacate|empty|give up|leave (generic term)|keep (antonym)\n"
                + "able|2\n"
                + "(adj)|unable (antonym)\n"
                + "(adj)|capable|competent (similar term)|Able|A-OK|related (related term)\n"
                + "lonely|1\n"
                + "(adj)|alone (similar term)\n");
    assertTrue(t.get("abandon").equals(List.of("give up", "vacate", "empty")), t.toString());
    assertTrue(t.get("able").equals(List.of("capable")), t.toString());
    assertFalse(t.containsKey("lonely"));
  }

  private static String[] synonyms(Lexicon lex, String text, int from, int to) {
    char[][] s = lex.synonyms(text.toCharArray(), from, to);
    if (s == null) return null;
    String[] out = new String[s.length];
    for (int i = 0; i < s.length; i++) out[i] = new String(s[i]);
    return out;
  }

  @Test
  void theShippedLexiconLooksUpByFoldedCaseAndSkipsStopWords() {
    Lexicon lex = Lexicon.english();
    String[] whale = synonyms(lex, "whale", 0, 5);
    assertArrayEquals(new String[] {"giant", "hulk", "heavyweight"}, whale);
    assertArrayEquals(whale, synonyms(lex, "The WHALE!", 4, 9));
    assertArrayEquals(whale, synonyms(lex, "Whale", 0, 5));
    for (String s : synonyms(lex, "abandon", 0, 7)) assertFalse(s.contains("("), s);
    // "well" and "right" are in the thesaurus and are stop words: never candidates
    assertTrue(lex.isStop("Well".toCharArray(), 0, 4));
    assertNull(synonyms(lex, "well", 0, 4));
    assertNull(synonyms(lex, "right", 0, 5));
    assertNull(synonyms(lex, "Ishmaelite-x", 0, 12));
    assertTrue(lex.isStop("don’t".toCharArray(), 0, 5) == lex.isStop("don't".toCharArray(), 0, 5));
  }

  @Test
  void everySynonymReadsBackAsTheSameWords() {
    // multi-word synonyms are placed as words with single spaces: the scanner must see exactly
    // those
    Map<String, List<String>> t;
    try (java.io.InputStream in = Lexicon.class.getResourceAsStream("thesaurus-en.dat")) {
      t = Thesaurus.read(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    int terms = 0;
    for (List<String> syns : t.values()) {
      for (String s : syns) {
        terms++;
        assertTrue(List.of(s.split(" ")).equals(Corpus.words(s)), s);
      }
    }
    assertTrue(terms > 10_000, "terms " + terms);
    assertFalse(Thesaurus.usable("rock 'n' roll"));
    assertFalse(Thesaurus.usable("a  b"));
    assertTrue(Thesaurus.usable("able-bodied"));
  }
}
