package dev.sluice.augment.difficulty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CharNgramModelTest {
  private static List<String> training;
  private static String heldOut;
  private static CharNgramModel order5;

  @BeforeAll
  static void train() {
    Map<String, String> moby = Samples.mobyDick();
    training =
        moby.entrySet().stream()
            .filter(e -> !Samples.heldOut(e.getKey()))
            .map(Map.Entry::getValue)
            .collect(Collectors.toList());
    heldOut =
        moby.entrySet().stream()
            .filter(e -> Samples.heldOut(e.getKey()))
            .map(Map.Entry::getValue)
            .collect(Collectors.joining("\n\n"));
    order5 = CharNgramModel.train(training, 5);
  }

  /** Sum of P(w | history) over every symbol the model can emit: its code points, end-of-text and {@code <unk>}. */
  private static double total(CharNgramModel m, String history) {
    double sum = m.probability(history, CharNgramModel.END) + m.probability(history, 0x10FFFD);
    for (int cp : m.codePoints()) sum += m.probability(history, cp);
    return sum;
  }

  @Test
  void probabilitiesSumToOneOverTheVocabularyAfterSeenAndUnseenHistories() {
    assertFalse(
        java.util.Arrays.stream(order5.codePoints()).anyMatch(cp -> cp == 0x10FFFD),
        "<unk> stand-in");
    List<String> histories =
        List.of(
            "", // only padding
            "C", // a seen document start
            "Call me Ishma", // deep, seen
            "the whale", // seen, mid-document
            "xqzjv", // letters never seen together
            "\u20ac\u4e2d\u00e6", // characters outside the vocabulary
            "whale \uD83D\uDC33", // a supplementary code point
            heldOut.substring(0, 2000));
    for (String h : histories) {
      assertEquals(1.0, total(order5, h), 1e-9, () -> "after '" + h + "'");
    }
    for (int order : new int[] {2, 3, 8}) {
      CharNgramModel m = CharNgramModel.train(training.subList(0, 30), order);
      for (String h : histories) {
        assertEquals(1.0, total(m, h), 1e-9, () -> "order " + order + " after '" + h + "'");
      }
    }
  }

  @Test
  void matchesAStraightforwardKneserNeyOnSmallCorpora() {
    List<String> tiny =
        List.of(
            "abracadabra",
            "abba",
            "cab",
            "a bad cab",
            "dab",
            "",
            "abracadabra abracadabra",
            "bad dad",
            "aaaa");
    // a few Moby-Dick chapters: enough n-grams seen 1..4 times for estimated discounts at every
    // order
    List<String> prose = new ArrayList<>();
    for (String t : training.subList(3, 9)) prose.add(t.substring(0, Math.min(4000, t.length())));
    int estimated = 0;
    for (List<String> docs : List.of(tiny, prose)) {
      for (int order = 2; order <= 6; order++) {
        CharNgramModel m = CharNgramModel.train(docs, order);
        ReferenceKneserNey ref = new ReferenceKneserNey(docs, order);
        for (int k = 1; k <= order; k++) if (ref.estimated(k)) estimated++;
        for (String h :
            List.of("", "a", "ab", "abr", "xyz", "bad ", "aaa", "cab", "d", "the ", "Ishmael")) {
          for (int cp : "abcdrxe T.\n".codePoints().toArray()) {
            int o = order;
            assertEquals(
                ref.probability(h, cp),
                m.probability(h, cp),
                1e-12,
                () -> "order " + o + " P(" + (char) cp + " | '" + h + "')");
          }
          assertEquals(ref.probability(h, -1), m.probability(h, CharNgramModel.END), 1e-12);
        }
      }
    }
    assertTrue(estimated >= 15, "orders with estimated discounts: " + estimated);
  }

  @Test
  void heldOutEnglishIsFarMoreLikelyThanShuffledCharactersOrOtherLanguages() {
    List<Integer> cps = heldOut.codePoints().boxed().collect(Collectors.toList());
    long seed = 20261122L;
    java.util.Collections.shuffle(cps, new Random(seed));
    String shuffled = cps.stream().map(Character::toString).collect(Collectors.joining());
    double english = order5.perplexity(heldOut);
    double scrambled = order5.perplexity(shuffled);
    double german = order5.perplexity(Samples.udhr("udhr-deu_1996"));
    double finnish = order5.perplexity(Samples.udhr("udhr-fin"));
    double russian = order5.perplexity(Samples.udhr("udhr-rus"));
    System.out.printf(
        "held-out perplexity (order 5, shuffle seed %d): Moby-Dick ch. 121+ %.2f, shuffled %.2f, UDHR de %.2f, "
            + "fi %.2f, ru %.2f%n",
        seed, english, scrambled, german, finnish, russian);
    assertTrue(english < 6, "held-out English " + english);
    assertTrue(scrambled > 4 * english, "shuffled " + scrambled + " vs " + english);
    assertTrue(german > 2 * english, "German " + german + " vs " + english);
    assertTrue(finnish > german, "Finnish " + finnish + " vs German " + german);
    assertTrue(russian > finnish, "Russian (no Cyrillic in training) " + russian);
  }

  @Test
  void higherOrdersGiveLowerHeldOutPerplexity() {
    double[] ppl = new double[9];
    for (int order : new int[] {2, 3, 4})
      ppl[order] = CharNgramModel.train(training, order).perplexity(heldOut);
    ppl[5] = order5.perplexity(heldOut);
    System.out.printf(
        "held-out perplexity by order: 2 %.3f, 3 %.3f, 4 %.3f, 5 %.3f%n",
        ppl[2], ppl[3], ppl[4], ppl[5]);
    assertTrue(
        ppl[3] < ppl[2] && ppl[4] < ppl[3] && ppl[5] < ppl[4], java.util.Arrays.toString(ppl));
    assertTrue(ppl[5] < 0.5 * ppl[2], "order 5 " + ppl[5] + " vs order 2 " + ppl[2]);
  }

  @Test
  void rarePunctuationAndUnseenCharactersStayFinite() {
    double seen = order5.perplexity("whale");
    double unseen = order5.perplexity("wh\u4e2d\u4e2dle");
    double emoji = order5.perplexity("\uD83D\uDC33\uD83D\uDC33");
    double lone = order5.perplexity("a\uD800b");
    for (double p : new double[] {seen, unseen, emoji, lone}) {
      assertTrue(Double.isFinite(p) && p > 1, "perplexity " + p);
    }
    assertTrue(unseen > seen);
  }

  @Test
  void perplexityIsExpOfTheMeanNegativeLogProbabilityIncludingEndOfText() {
    String text = "Ahab";
    double log = 0;
    for (int i = 0; i < text.length(); i++) {
      log += Math.log(order5.probability(text.substring(0, i), text.charAt(i)));
    }
    log += Math.log(order5.probability(text, CharNgramModel.END));
    assertEquals(log, order5.logProbability(text), 1e-12);
    assertEquals(Math.exp(-log / 5), order5.perplexity(text), 1e-12);
    assertTrue(Double.isNaN(order5.perplexity("")));
  }

  @Test
  void scoringWholeTextsAgreesWithProbabilitiesOneAtATime() {
    // longer than the scorer's blocks of 256, with unseen and supplementary characters across block
    // ends
    StringBuilder sb = new StringBuilder(heldOut.substring(0, 700));
    sb.insert(255, "\uD83D\uDC33").insert(511, "\u4e2d\u4e2d\u4e2dzzq").append("\uD800");
    List<String> texts =
        List.of(sb.toString(), "x", "a".repeat(255), "ab".repeat(128), "b".repeat(257));
    for (int order : new int[] {2, 5, 8}) {
      CharNgramModel m = order == 5 ? order5 : CharNgramModel.train(training.subList(0, 20), order);
      for (String text : texts) {
        double log = 0;
        int[] cps = text.codePoints().toArray();
        String history = "";
        for (int cp : cps) {
          log += Math.log(m.probability(history, cp));
          history += Character.toString(cp);
        }
        log += Math.log(m.probability(history, CharNgramModel.END));
        assertEquals(log, m.logProbability(text), 1e-9 * Math.abs(log), "order " + order);
        assertEquals(Math.exp(-log / (cps.length + 1)), m.perplexity(text), 1e-9, "order " + order);
      }
    }
  }

  @Test
  void rejectsOrdersOutsideTwoToEight() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CharNgramModel.train(List.of("a"), 9));
    assertEquals("order must be in 2..8, got 9", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CharNgramModel.train(List.of("a"), 1));
  }

  @Test
  void anIterableThatCanBeReadOnlyOnceIsAnError() {
    java.util.Iterator<String> once = List.of("one", "two").iterator();
    Iterable<String> docs = () -> once;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DifficultyModel.train(docs, 3));
    assertEquals(
        "the documents changed between the two passes over them (2 then 0): pass something that can be read"
            + " twice, such as a List",
        e.getMessage());
  }

  @Test
  void anEmptyCorpusGivesTheUniformDistribution() {
    CharNgramModel m = CharNgramModel.train(new ArrayList<>(), 3);
    assertEquals(0.5, m.probability("abc", 'a'), 0);
    assertEquals(0.5, m.probability("", CharNgramModel.END), 0);
  }

  @Test
  void keepsTheMostFrequentCodePointsWhenTheyDoNotAllFit() {
    // order 8 packs 8 bits a symbol: 253 code points, the rest are <unk>
    StringBuilder sb = new StringBuilder();
    for (int cp = 0x4e00; cp < 0x4e00 + 400; cp++) sb.appendCodePoint(cp);
    String common = "aaaaabbbb";
    CharNgramModel m = CharNgramModel.train(List.of(sb.toString(), common), 8);
    assertEquals(253, m.codePoints().length);
    assertEquals('a', m.codePoints()[0]);
    assertEquals('b', m.codePoints()[1]);
    assertEquals(1.0, total(m, "a\u4e00"), 1e-9);
  }
}
