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

  /** The words by the definition, one code point at a time: what the branch-free scanner must agree with. */
  private static java.util.List<String> referenceWords(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int prev = cp;
      i += Character.charCount(cp);
      while (i < s.length()) {
        int c = s.codePointAt(i);
        int len = Character.charCount(c);
        int next = i + len < s.length() ? s.codePointAt(i + len) : -1;
        boolean joiner = c == '\'' || c == '-' || c == 0x2019 || c == 0x2010;
        boolean zw = c == 0x200C || c == 0x200D;
        boolean take;
        if (joiner) {
          take = !Character.isDigit(prev) && next >= 0 && Character.isLetter(next);
        } else if (zw) {
          take = next >= 0 && (Character.isLetter(next) || WordSpans.isMark(next));
        } else {
          take = Character.isLetterOrDigit(c) || WordSpans.isMark(c);
        }
        if (!take) break;
        prev = c;
        i += len;
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  @Test
  void theFastScannerAgreesWithTheDefinitionOnRandomAndRealText() {
    long seed = System.nanoTime();
    java.util.Random r = new java.util.Random(seed);
    for (int round = 0; round < 5000; round++) {
      String s = RandomText.of(r, 60);
      assertEquals(referenceWords(s), Corpus.words(s), () -> "seed " + seed + ": " + s);
    }
    for (String p : Corpus.mobyParagraphs(300)) assertEquals(referenceWords(p), Corpus.words(p));
    for (String s : java.util.List.of("", "a", "'", "a'", "'a", "a-", "1-a", "a-1", "é'é", "٣'a"))
      assertEquals(referenceWords(s), Corpus.words(s), s);
  }
}
