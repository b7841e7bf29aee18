package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text in other scripts: ops never break it, and the English ops stay out of it. */
class NonLatinTest {
  static final String ARABIC =
      "مرحبا بالعالم، هذا نصٌّ عربيٌّ للاختبار. كيف حالك اليوم؟\nسطر ثانٍ هنا.";
  static final String HINDI = "नमस्ते दुनिया, यह हिंदी पाठ है। आप कैसे हैं? क्षत्रिय और स्त्री।";
  static final String CHINESE = "你好世界。这是中文文本，用于测试。今天天气很好！\n第二行。";
  static final String EMOJI = "I ❤️ emoji 👍🏽 and 👨‍👩‍👧 family 😀 done. 𝐀𝐁 math bold.";
  static final String DECOMPOSED = "Cafe\u0301 cre\u0300me nai\u0308ve: e\u0301 a\u0301 o\u0302.";

  private static Map<String, Double> all(double rate) {
    Map<String, Double> m = new HashMap<>();
    for (String op : AugmentPolicy.OPS) m.put(op, rate);
    return m;
  }

  private static void assertUnbroken(String in, String out, String what) {
    assertNull(Corpus.loneSurrogate(out), what + ": " + out);
    assertTrue(Corpus.orphanMarks(out) <= Corpus.orphanMarks(in), what + " cut a mark off: " + out);
    assertEquals(Corpus.lines(in), Corpus.lines(out), what + " kept the lines: " + out);
  }

  @Test
  void everyOpKeepsEveryScriptValid() {
    for (String text : List.of(ARABIC, HINDI, CHINESE, EMOJI, DECOMPOSED)) {
      for (String op : AugmentPolicy.OPS) {
        for (double rate : new double[] {0.3, 1.0}) {
          AugmentPolicy p = AugmentPolicy.of(Map.of(op, rate));
          for (int copy = 1; copy <= 20; copy++) {
            Augmented a = p.augment(text, "und", 11, "doc", copy);
            assertUnbroken(text, a.text(), op + " " + rate + " copy " + copy);
          }
        }
      }
      for (int copy = 1; copy <= 50; copy++) {
        assertUnbroken(
            text, AugmentPolicy.of(all(0.5)).augment(text, "und", 3, "d", copy).text(), "all");
      }
    }
  }

  @Test
  void englishOpsAreSkippedForOtherLanguages() {
    AugmentPolicy p = AugmentPolicy.of(all(0.3));
    for (Object[] c :
        new Object[][] {
          {ARABIC, "ar"}, {HINDI, "hi"}, {CHINESE, "zh"}, {ARABIC, "und"}, {CHINESE, ""}
        }) {
      Augmented a = p.augment((String) c[0], (String) c[1], 1, "d", 1);
      assertEquals(List.of("synonym", "insert"), a.skippedLanguage(), c[1] + " " + a);
      assertTrue(!a.changed().contains("synonym") && !a.unchanged().contains("synonym"));
    }
    // English text said to be German: language ID wins
    String english = Corpus.mobyParagraphs(1).get(0);
    assertEquals(
        List.of("synonym", "insert"), p.augment(english, "de", 1, "d", 1).skippedLanguage());
    // unknown language, Latin script: English ops run
    assertEquals(List.of(), p.augment(english, "und", 1, "d", 1).skippedLanguage());
    assertEquals(List.of(), p.augment(english, "en", 1, "d", 1).skippedLanguage());
  }

  @Test
  void unknownLanguageCountsAsEnglishFromNinetyPercentLatinLetters() {
    String latin9 = "abcdefghi";
    assertTrue(AugmentPolicy.isEnglish("und", latin9 + "ж"));
    assertTrue(!AugmentPolicy.isEnglish("und", latin9 + "жж"));
    assertTrue(AugmentPolicy.isEnglish("und", "café naïve 123 !!"));
    assertTrue(!AugmentPolicy.isEnglish("und", "123 !!"));
    assertTrue(AugmentPolicy.isEnglish("EN", "ж"));
  }

  @Test
  void randomTextNeverBreaks() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    AugmentPolicy p = AugmentPolicy.of(all(0.5));
    AugmentPolicy full = AugmentPolicy.of(all(1.0));
    for (int i = 0; i < 3000; i++) {
      String text = RandomText.of(r, 40);
      String what = "seed " + seed + " text " + i;
      assertUnbroken(text, p.augment(text, "und", i, "r", 1).text(), what);
      assertUnbroken(text, full.augment(text, "en", i, "r", 1).text(), what);
    }
  }
}
