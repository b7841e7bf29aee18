package dev.sluice.quality.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GopherQualityTest {
  private static final GopherQuality DEFAULTS =
      new GopherQuality(GopherQuality.Settings.defaults());

  /** n words: "the", "and", then n-2 words of the given length. */
  private static String words(int n, int len) {
    List<String> w = new ArrayList<>(List.of("the", "and"));
    for (int i = 0; i < n - 2; i++)
      w.add(Texts.word(i).substring(0, Math.min(len, 5)) + "x".repeat(Math.max(0, len - 5)));
    return String.join(" ", w);
  }

  private static Rejection run(GopherQuality g, String text) {
    return g.apply(new Scored(text));
  }

  @Test
  void keepsDocumentWithExactlyFiftyWordsAndRejectsFortyNine() {
    assertNull(run(DEFAULTS, words(50, 5)));
    Rejection r = run(DEFAULTS, words(49, 5));
    assertEquals("gopher_quality.word_count_min", r.rule());
    assertEquals(49, r.value());
  }

  @Test
  void symbolOnlyTokensDoNotCountAsWords() {
    Scored s = new Scored(words(50, 5) + " - ... !!");
    assertNull(DEFAULTS.apply(s));
    assertEquals(50.0, s.signals().get("gopher_quality.word_count"));
  }

  @Test
  void meanWordLengthOfExactlyThreePassesAndJustUnderFails() {
    // 48 words of 3 letters + "the" + "and": mean exactly 3.0
    assertNull(run(DEFAULTS, words(50, 3)));
    String shorter = words(50, 3).replaceFirst(" wa[a-z]+ ", " wa ");
    Rejection r = run(DEFAULTS, shorter);
    assertEquals("gopher_quality.mean_word_length_min", r.rule());
    assertEquals((47 * 3 + 2 + 6) / 50.0, r.value(), 1e-12);
  }

  @Test
  void alphaWordRatioOfExactlyPointEightPasses() {
    List<String> w = new ArrayList<>(List.of("the", "and"));
    for (int i = 0; i < 38; i++) w.add(Texts.word(i));
    for (int i = 0; i < 10; i++) w.add("1234");
    assertNull(run(DEFAULTS, String.join(" ", w)));
    w.set(2, "5678");
    Rejection r = run(DEFAULTS, String.join(" ", w));
    assertEquals("gopher_quality.alpha_words_ratio", r.rule());
    assertEquals(39 / 50.0, r.value(), 1e-12);
  }

  @Test
  void needsTwoStopWords() {
    String two = words(50, 5);
    assertNull(run(DEFAULTS, two));
    Rejection r = run(DEFAULTS, two.replaceFirst("and ", "wqqqq "));
    assertEquals("gopher_quality.stop_words", r.rule());
    assertEquals(1, r.value());
  }

  @Test
  void bulletAndEllipsisLines() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) b.append("- the item and ").append(Texts.line(6, i)).append('\n');
    Rejection r = run(DEFAULTS, b.toString());
    assertEquals("gopher_quality.bullet_lines_ratio", r.rule());
    assertEquals(1.0, r.value(), 1e-12, "10 of 10: splitlines opens no line after the last break");
    // lines as Python's splitlines(): U+2028 ends a line too
    String intro = "The list below names the things to take along on the trip to the river. ";
    String sep = intro + "\u2028" + b.toString().strip().replace('\n', '\u2028');
    r = run(DEFAULTS, sep);
    assertEquals("gopher_quality.bullet_lines_ratio", r.rule());
    assertEquals(10.0 / 11, r.value(), 1e-12);
  }

  @Test
  void stopWordsCountOnceEachUnlessOccurrencesAreAsked() {
    String one = "the garden ".repeat(30);
    Rejection r = run(DEFAULTS, one);
    assertEquals("gopher_quality.stop_words", r.rule());
    assertEquals(1, r.value());
    GopherQuality occurrences =
        new GopherQuality(GopherQuality.Settings.from(Map.of("stop_word_count", "occurrences")));
    assertNull(run(occurrences, one));
  }

  @Test
  void lengthsAndLettersAreCountedInCodePoints() {
    // Adlam letters lie beyond the BMP: a 9-letter word is 18 UTF-16 units
    StringBuilder a9 = new StringBuilder();
    for (int i = 0; i < 9; i++) a9.appendCodePoint(0x1E922 + i);
    String text = ("the " + a9 + " and " + a9.reverse() + " ").repeat(15);
    assertNull(run(DEFAULTS, text), "mean length 6, every word alphabetic");
  }

  @Test
  void recipeOverridesThresholds() {
    GopherQuality g = new GopherQuality(GopherQuality.Settings.from(Map.of("min_doc_words", 3)));
    assertNull(run(g, "the cat and dog"));
  }
}
