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
      assertEquals(
          Character.isLetter(c), Words.isLetter(c), () -> "isLetter " + Integer.toHexString(c));
      assertEquals(
          Character.isLetterOrDigit(c),
          Words.isLetterOrDigit(c),
          () -> "isLetterOrDigit " + Integer.toHexString(c));
      assertEquals(
          Character.isWhitespace(c),
          Words.isWhitespace(c),
          () -> "isWhitespace " + Integer.toHexString(c));
    }
  }

  @Test
  void punctuationTableAgreesWithTheCharacterTypesOnEveryChar() {
    for (int c = 0; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 97) {
      boolean want;
      if (c < 128) {
        want = c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
      } else {
        int t = Character.getType(c);
        want =
            t == Character.CONNECTOR_PUNCTUATION
                || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION
                || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION
                || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION
                || t == Character.MATH_SYMBOL
                || t == Character.CURRENCY_SYMBOL
                || t == Character.MODIFIER_SYMBOL
                || t == Character.OTHER_SYMBOL;
      }
      int cc = c;
      assertEquals(want, Words.isPunct(c), () -> "isPunct " + Integer.toHexString(cc));
    }
    assertTrue(Words.isPunct('\u201c') && Words.isPunct('\u2014') && Words.isPunct(0x1F600));
    assertFalse(Words.isPunct('\u00e9') || Words.isPunct(' '));
  }

  @Test
  void spansAreTheTokensAsRanges() {
    String text = "  \"Hello,  world!\"\n— e.g. (x) ";
    Words.Spans s = Words.spans(text);
    List<String> tokens = Words.tokens(text);
    assertEquals(tokens.size(), s.size());
    for (int i = 0; i < s.size(); i++)
      assertEquals(tokens.get(i), text.substring(s.start(i), s.end(i)));
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
