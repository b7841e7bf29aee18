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

  @Test
  void theShippedLexiconLooksUpByFoldedCaseAndSkipsStopWords() {
    Lexicon lex = Lexicon.english();
    String[] whale = lex.synonyms("whale", 0, 5);
    assertArrayEquals(new String[] {"giant", "hulk", "heavyweight"}, whale);
    assertArrayEquals(whale, lex.synonyms("The WHALE!", 4, 9));
    assertArrayEquals(whale, lex.synonyms("Whale", 0, 5));
    for (String[] syns : new String[][] {whale, lex.synonyms("abandon", 0, 7)}) {
      for (String s : syns) assertFalse(s.contains("("), s);
    }
    // "well" and "right" are in the thesaurus and are stop words: never candidates
    assertTrue(lex.isStop("Well", 0, 4));
    assertNull(lex.synonyms("well", 0, 4));
    assertNull(lex.synonyms("right", 0, 5));
    assertNull(lex.synonyms("Ishmaelite-x", 0, 12));
    assertTrue(lex.isStop("don’t", 0, 5) == lex.isStop("don't", 0, 5));
  }
}
