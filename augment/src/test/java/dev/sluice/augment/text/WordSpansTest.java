package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordSpansTest {
  @Test
  void wordsAreLetterRunsJoinedByApostrophesAndHyphensBetweenLetters() {
    assertEquals(
        List.of("Don't", "the", "well-known", "Sub-Sub-Librarian", "1990", "91", "whalers", "x"),
        Corpus.words("Don't — the well-known \"Sub-Sub-Librarian\", 1990-91; whalers' -x- "));
    assertEquals(List.of("don’t", "rock", "n", "roll"), Corpus.words("don’t rock 'n' roll"));
    assertEquals(List.of("a", "b"), Corpus.words("a--b"));
  }

  @Test
  void combiningMarksStayInTheirWordAndNeverStartOne() {
    assertEquals(List.of("cafe\u0301", "x"), Corpus.words("cafe\u0301 \u0301x"));
    // the variation selector of ❤️ is a mark after a symbol: part of the gap, not a word
    assertEquals(List.of("I", "you"), Corpus.words("I \u2764\uFE0F you"));
    assertEquals(List.of("नमस्ते", "दुनिया"), Corpus.words("नमस्ते दुनिया।"));
    // a zero-width non-joiner inside a Persian word keeps the word whole
    assertEquals(List.of("می\u200Cخواهم"), Corpus.words("می\u200Cخواهم"));
  }

  @Test
  void surrogatePairsAreOneCodePointAndEmojiAreGaps() {
    String text = "a\uD835\uDC00b 😀 c";
    assertEquals(List.of("a\uD835\uDC00b", "c"), Corpus.words(text));
  }

  @Test
  void classifyAgreesWithCharacterOnEveryCodePoint() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (cp == 0x2019 || cp == 0x2010 || cp == 0x200C || cp == 0x200D) continue;
      int t = Character.getType(cp);
      boolean mark =
          t == Character.NON_SPACING_MARK
              || t == Character.ENCLOSING_MARK
              || t == Character.COMBINING_SPACING_MARK;
      byte k = WordSpans.classify(cp);
      int c = cp;
      assertEquals(Character.isLetter(cp), k == 1, () -> "letter " + Integer.toHexString(c));
      assertEquals(Character.isDigit(cp), k == 2, () -> "digit " + Integer.toHexString(c));
      assertEquals(mark, k == 3, () -> "mark " + Integer.toHexString(c));
      assertEquals(mark, WordSpans.isMark(cp), () -> "isMark " + Integer.toHexString(c));
    }
  }

  @Test
  void everyWordOfRandomTextStartsAtALetterOrDigitAndGapsHoldNone() {
    long seed = System.nanoTime();
    java.util.Random r = new java.util.Random(seed);
    for (int round = 0; round < 2000; round++) {
      String s = RandomText.of(r, 60);
      WordSpans w = WordSpans.of(s);
      int at = 0;
      for (int i = 0; i < w.count; i++) {
        assertTrue(w.start(i) >= at && w.end(i) > w.start(i), "seed " + seed);
        assertTrue(Character.isLetterOrDigit(s.codePointAt(w.start(i))), "seed " + seed);
        for (int k = at; k < w.start(i); k = s.offsetByCodePoints(k, 1)) {
          assertFalse(Character.isLetterOrDigit(s.codePointAt(k)), () -> "seed " + seed + ": " + s);
        }
        at = w.end(i);
      }
    }
  }
}
