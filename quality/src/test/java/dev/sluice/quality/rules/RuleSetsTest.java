package dev.sluice.quality.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleSetsTest {
  private static List<RuleSet> all() {
    return RuleSets.fromSection(
        Map.of("rules", List.of("gopher_quality", "gopher_repetition", "c4", "fineweb")));
  }

  @Test
  void wellFormedProsePassesEveryDefaultRule() {
    Scored s = new Scored(Texts.goodDoc(8));
    for (RuleSet r : all()) assertNull(r.apply(s), r.name());
    assertEquals(8.0, s.signals().get("c4.sentences"));
  }

  @Test
  void eachRuleSetRecordsExactlyTheSignalsItDeclares() {
    for (RuleSet r : all()) {
      Scored s = new Scored(Texts.goodDoc(8));
      assertNull(r.apply(s));
      assertEquals(
          new java.util.TreeSet<>(r.signals()),
          new java.util.TreeSet<>(s.signals().keySet()),
          r.name());
    }
    long seed = System.nanoTime();
    System.out.println("RuleSetsTest declared-signals seed: " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      String text = Texts.random(random, 400);
      for (RuleSet r : all()) {
        Scored s = new Scored(text);
        r.apply(s);
        assertTrue(
            r.signals().containsAll(s.signals().keySet()),
            "seed "
                + seed
                + ": "
                + r.name()
                + " recorded "
                + s.signals().keySet()
                + ", declares "
                + r.signals());
      }
    }
  }

  @Test
  void theSignalTableIsTheRegistrysDeclarationsInOrder() {
    List<String> declared = new java.util.ArrayList<>();
    for (RuleSets.Registered reg : RuleSets.REGISTRY) {
      RuleSet built = reg.build().apply(null);
      assertEquals(reg.name(), built.name());
      assertEquals(reg.signals(), built.signals(), reg.name());
      declared.addAll(reg.signals());
    }
    assertEquals(declared, Signals.KNOWN);
    for (int i = 0; i < declared.size(); i++) assertEquals(i, Signals.indexOf(declared.get(i)));
    assertEquals(-1, Signals.indexOf("pii.emails"));
    // the coders send these indexes: the table as it was when it was a hand-kept list (new rule
    // sets append)
    assertEquals(
        List.of(
            "gopher_quality.word_count",
            "gopher_quality.mean_word_length",
            "gopher_quality.symbol_word_ratio",
            "gopher_quality.ellipsis_word_ratio",
            "gopher_quality.bullet_lines_ratio",
            "gopher_quality.ellipsis_lines_ratio",
            "gopher_quality.alpha_words_ratio",
            "gopher_quality.stop_words",
            "gopher_repetition.dup_para_frac",
            "gopher_repetition.dup_para_char_frac",
            "gopher_repetition.dup_line_frac",
            "gopher_repetition.dup_line_char_frac",
            "gopher_repetition.top_2_gram",
            "gopher_repetition.top_3_gram",
            "gopher_repetition.top_4_gram",
            "gopher_repetition.dup_5_gram",
            "gopher_repetition.dup_6_gram",
            "gopher_repetition.dup_7_gram",
            "gopher_repetition.dup_8_gram",
            "gopher_repetition.dup_9_gram",
            "gopher_repetition.dup_10_gram",
            "c4.lines_dropped_frac",
            "c4.sentences",
            "fineweb.line_punct_ratio",
            "fineweb.short_line_ratio",
            "fineweb.char_dup_ratio",
            "fineweb.list_ratio"),
        Signals.KNOWN.subList(0, 27));
  }

  @Test
  void gopherRepetitionMeasuresDuplicateLinesLikeDataTrove() {
    String doc = "a b c.\na b c.\nd e f.\na b c.";
    Scored s = new Scored(doc);
    new GopherRepetition(GopherRepetition.Settings.defaults()).apply(s);
    // 4 lines, the repeated copies are 2 (DataTrove counts copies after the first)
    assertEquals(0.5, s.signals().get("gopher_repetition.dup_line_frac"));
    assertEquals(
        12.0 / doc.length(), s.signals().get("gopher_repetition.dup_line_char_frac"), 1e-12);
    Scored dclm = new Scored(doc);
    new GopherRepetition(GopherRepetition.Settings.from(Map.of("dup_count", "all"))).apply(dclm);
    assertEquals(0.75, dclm.signals().get("gopher_repetition.dup_line_frac"));
  }

  @Test
  void topNgramCharsCountsTheMostFrequentNgramTimesItsCount() {
    // tokens: a b a b a b -> "a b" occurs 3 times, 3 chars each
    Scored s = new Scored("a b a b a b");
    new GopherRepetition(GopherRepetition.Settings.defaults()).apply(s);
    assertEquals(9.0 / 11, s.signals().get("gopher_repetition.top_2_gram"), 1e-12);
  }

  @Test
  void c4DropsLinesAndKeepsCleanedText() {
    String doc =
        String.join(
            "\n",
            "Please enable JavaScript to view this page.",
            "Short line.",
            "This line has no terminal punctuation",
            "Read our privacy policy for more details today.",
            "The first real sentence is here[1] and it is long enough.",
            "The second real sentence is here too, believe it.",
            "The third one follows the second one closely.",
            "The fourth one arrives soon after that.",
            "The fifth one closes the paragraph nicely.");
    Scored s = new Scored(doc);
    assertNull(new C4(C4.Settings.defaults()).apply(s));
    assertTrue(
        s.text().startsWith("The first real sentence is here and it is long enough."), s.text());
    assertEquals(5, s.text().split("\n").length);
    assertEquals(4.0 / 9, s.signals().get("c4.lines_dropped_frac"), 1e-12);
  }

  @Test
  void c4ReadsLinesWordsAndDigitsAsPythonDoes() {
    String five =
        String.join(
            "\n",
            "The first real sentence is here and it is long enough.",
            "The second real sentence is here too, believe it.",
            "The third one follows the second one closely.",
            "The fourth one arrives soon after that.",
            "The fifth one closes the paragraph nicely.");
    // U+2028 ends a line (splitlines): the code line is dropped, not the page for its bracket
    Scored sep = new Scored("var x = {a: 1}\u2028" + five);
    assertNull(new C4(C4.Settings.defaults()).apply(sep), sep.text());
    assertEquals(five, sep.text());
    // a citation in Arabic-Indic digits is removed as [1] is
    Scored cited = new Scored(five.replace(".\n", ".[\u0661]\n"));
    assertNull(new C4(C4.Settings.defaults()).apply(cited));
    assertEquals(five, cited.text());
    // a 600-letter Adlam word is 1,200 UTF-16 units but 600 characters: under max_word_length
    String adlam = new String(Character.toChars(0x1E922)).repeat(600);
    Scored longWord = new Scored(five + "\nThe word " + adlam + " is long.");
    assertNull(new C4(C4.Settings.defaults()).apply(longWord));
    assertTrue(longWord.text().endsWith(" is long."), "the line is kept");
  }

  @Test
  void c4MinWordsPerLineBoundary() {
    String five = "One two three.\nOne two.\nA b c.\nD e f.\nG h i.\nJ k l.";
    Scored s = new Scored(five);
    assertNull(new C4(C4.Settings.defaults()).apply(s));
    assertEquals(5, s.text().split("\n").length, "the 2-word line goes, the 3-word lines stay");
    Rejection tfds = new C4(C4.Settings.from(Map.of("variant", "tfds"))).apply(new Scored(five));
    assertEquals("c4.too_few_sentences", tfds.rule(), "tfds keeps only lines of 5+ words");
  }

  @Test
  void c4PageRules() {
    String base = Texts.goodDoc(6);
    assertEquals(
        "c4.lorem_ipsum",
        new C4(C4.Settings.defaults())
            .apply(new Scored(base + "\nLorem ipsum dolor sit amet, consectetur."))
            .rule());
    assertEquals(
        "c4.curly_bracket",
        new C4(C4.Settings.defaults())
            .apply(new Scored(base + "\nfunction f() { return the value; }."))
            .rule());
  }

  @Test
  void c4CountsSentencesAtTerminalMarksFollowedBySpaceOrEnd() {
    assertEquals(1, C4.countSentences("Version 2.0 is out."));
    assertEquals(3, C4.countSentences("It rained. \"Really?!\" she asked"));
    assertEquals(1, C4.countSentences("no terminal mark at all"));
    assertEquals(0, C4.countSentences("..."));
    assertEquals(
        2, C4.countSentences("\u4eca\u5929\u4e0b\u96e8\u3002\u6211\u4eec\u5728\u5bb6\u3002"));
  }

  @Test
  void fineWebRejectsListLikeAndShortLineDocuments() {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 20; i++) list.append("item ").append(i).append(".\n");
    Rejection r = new FineWeb(FineWeb.Settings.defaults()).apply(new Scored(list.toString()));
    assertNotNull(r);
    assertEquals("fineweb.short_line_ratio", r.rule());
  }

  @Test
  void unknownRuleOrThresholdNamesTheField() {
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class,
            () -> RuleSets.fromSection(Map.of("rules", List.of("gopher"))));
    assertTrue(e.getMessage().startsWith("quality.rules: got 'gopher'"), e.getMessage());
    e =
        assertThrows(
            Config.ConfigException.class,
            () ->
                RuleSets.fromSection(
                    Map.of("rules", List.of("c4"), "c4", Map.of("min_sentence", 3))));
    assertTrue(e.getMessage().startsWith("quality.c4.min_sentence"), e.getMessage());
    e =
        assertThrows(
            Config.ConfigException.class,
            () ->
                RuleSets.fromSection(
                    Map.of("rules", List.of("fineweb"), "fineweb", Map.of("short_line_thr", 1.5))));
    assertTrue(e.getMessage().contains("a fraction in [0, 1]"), e.getMessage());
  }

  @Test
  void emptyAndRandomInputsNeverThrow() {
    long seed = System.nanoTime();
    System.out.println("RuleSetsTest random seed: " + seed);
    Random r = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      String text = i == 0 ? "" : Texts.random(r, 400);
      Scored s = new Scored(text);
      for (RuleSet rule : all()) {
        Rejection x = rule.apply(s);
        if (x != null) break;
      }
      for (Map.Entry<String, Double> e : s.signals().entrySet()) {
        assertTrue(
            !e.getValue().isNaN(), "seed " + seed + ": " + e.getKey() + " is NaN for " + text);
      }
      double q = QualityScore.of(text, 0.9);
      assertTrue(q >= 0 && q <= 1, "seed " + seed + ": quality " + q);
    }
  }
}
