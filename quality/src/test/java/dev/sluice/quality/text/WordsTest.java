package dev.sluice.quality.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
  @Test
  void fastCharacterTestsAgreeWithCharacterOnEveryBmpChar() {
    for (int i = 0; i <= 0xFFFF; i++) {
      char c = (char) i;
      assertEquals(Character.isLetter(c), Words.isLetter(c), () -> "isLetter " + Integer.toHexString(c));
      assertEquals(Character.isLetterOrDigit(c), Words.isLetterOrDigit(c), () -> "isLetterOrDigit " + Integer.toHexString(c));
      assertEquals(Character.isWhitespace(c), Words.isWhitespace(c), () -> "isWhitespace " + Integer.toHexString(c));
    }
  }

  @Test
  void spansAreTheTokensAsRanges() {
    String text = "  \"Hello,  world!\"\n— e.g. (x) ";
    Words.Spans s = Words.spans(text);
    List<String> tokens = Words.tokens(text);
    assertEquals(tokens.size(), s.size());
    for (int i = 0; i < s.size(); i++) assertEquals(tokens.get(i), text.substring(s.start(i), s.end(i)));
    assertEquals(0, Words.spans("").size());
    assertEquals(0, Words.spans(" \n\t ").size());
  }

  @Test
  void tokenSetMatchesWholeRangesOnly() {
    TokenSet set = new TokenSet(List.of("the", "of", "the", "and"));
    char[] c = "theory of the band".toCharArray();
    assertFalse(set.contains(c, 0, 6)); // "theory"
    assertTrue(set.contains(c, 0, 3)); // "the" as a range
    assertTrue(set.contains(c, 7, 9)); // "of"
    assertTrue(set.contains(c, 10, 13)); // "the"
    assertFalse(set.contains(c, 14, 18)); // "band"
    assertTrue(set.contains(c, 15, 18)); // "and"
    assertFalse(new TokenSet(List.of()).contains(c, 0, 3));
  }
}
