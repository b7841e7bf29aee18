package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final Map<String, Double> ALL = new HashMap<>();

  static {
    for (String op : AugmentPolicy.OPS) ALL.put(op, 0.1);
  }

  private static final String TEXT = String.join("\n\n", Corpus.mobyParagraphs(8));

  @Test
  void sameArgumentsGiveTheSameCopy() {
    AugmentPolicy p = AugmentPolicy.of(ALL);
    Augmented a = p.augment(TEXT, "en", 7, "doc-1", 1);
    assertEquals(a, p.augment(TEXT, "en", 7, "doc-1", 1));
    assertEquals(a, AugmentPolicy.of(new HashMap<>(ALL)).augment(TEXT, "en", 7, "doc-1", 1));
    assertEquals(AugmentPolicy.OPS, a.changed());
  }

  @Test
  void anotherCopyDocIdOrSeedGivesAnotherText() {
    AugmentPolicy p = AugmentPolicy.of(ALL);
    String a = p.augment(TEXT, "en", 7, "doc-1", 1).text();
    assertNotEquals(a, p.augment(TEXT, "en", 7, "doc-1", 2).text());
    assertNotEquals(a, p.augment(TEXT, "en", 7, "doc-2", 1).text());
    assertNotEquals(a, p.augment(TEXT, "en", 8, "doc-1", 1).text());
    assertNotEquals(a, p.augment(TEXT, "en", 7, "doc-1\u0000", 1).text());
  }

  @Test
  void changingALaterOpsRateLeavesAnEarlierOpsChoicesAlone() {
    String synonymsOnly =
        AugmentPolicy.of(Map.of("synonym", 0.2)).augment(TEXT, "en", 3, "d", 1).text();
    List<String> expected = Corpus.words(synonymsOnly);
    for (double delete : new double[] {0.05, 0.3, 0.6}) {
      String out =
          AugmentPolicy.of(Map.of("synonym", 0.2, "delete", delete))
              .augment(TEXT, "en", 3, "d", 1)
              .text();
      List<String> words = Corpus.words(out);
      // delete only removes: what is left is the same synonym copy, thinned
      assertEquals(words.size(), Corpus.lcs(expected, words), "delete " + delete);
      assertTrue(words.size() < expected.size());
    }
  }

  @Test
  void turningAnOpOnOrOffLeavesTheOtherOpsChoicesAlone() {
    // Sentence shuffle cannot change one-sentence paragraphs: with it on, typo must draw exactly as
    // without it. And ops that do change the text draw from their own generators, so a later op's
    // choices over the same input do not depend on which ops were named before it.
    String oneSentenceEach = "Call me Ishmael.\n\nSome years ago.\n\nNever mind how long.";
    Augmented with =
        AugmentPolicy.of(Map.of("sentence_shuffle", 1.0, "typo", 0.2))
            .augment(oneSentenceEach, "en", 5, "d", 1);
    Augmented without =
        AugmentPolicy.of(Map.of("typo", 0.2)).augment(oneSentenceEach, "en", 5, "d", 1);
    assertEquals(without.text(), with.text());
    assertEquals(List.of("sentence_shuffle"), with.unchanged());
    // an English op skipped for language does not shift the ops after it either
    String arabic = "مرحبا بالعالم هذا نص عربي للاختبار";
    assertEquals(
        AugmentPolicy.of(Map.of("swap", 0.5)).augment(arabic, "ar", 5, "d", 1).text(),
        AugmentPolicy.of(Map.of("synonym", 0.5, "swap", 0.5))
            .augment(arabic, "ar", 5, "d", 1)
            .text());
  }

  @Test
  void aThreadsEarlierDocumentsDoNotLeakIntoTheNext() throws Exception {
    // a thread reuses one draft's buffers: the copy of B must not depend on what came before it
    AugmentPolicy p = AugmentPolicy.of(ALL);
    String big = TEXT + "\n\n" + TEXT;
    String b = Corpus.mobyParagraphs(20).get(19);
    p.augment(big, "en", 1, "a", 1);
    String afterBig = p.augment(b, "en", 1, "b", 1).text();
    String[] fresh = new String[1];
    Thread t = new Thread(() -> fresh[0] = p.augment(b, "en", 1, "b", 1).text());
    t.start();
    t.join();
    assertEquals(fresh[0], afterBig);
  }
}
