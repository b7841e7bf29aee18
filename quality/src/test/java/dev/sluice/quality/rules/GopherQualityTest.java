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
    assertEquals(10.0 / 11, r.value(), 1e-12, "10 bullet lines of 11 (the last is empty)");
  }

  @Test
  void recipeOverridesThresholds() {
    GopherQuality g = new GopherQuality(GopherQuality.Settings.from(Map.of("min_doc_words", 3)));
    assertNull(run(g, "the cat and dog"));
  }
}
