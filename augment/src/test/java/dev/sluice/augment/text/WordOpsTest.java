package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** EDA's four word ops: what they may and may not touch. */
class WordOpsTest {
  /** The shipped lexicon with one-word synonyms only, so output words align one to one with input words. */
  private static final Lexicon ONE_WORD;

  private static final Set<String> STOP = new HashSet<>();

  static {
    try (InputStream th = Lexicon.class.getResourceAsStream("thesaurus-en.dat");
        InputStream sw = Lexicon.class.getResourceAsStream("stopwords-en.txt")) {
      Map<String, List<String>> oneWord = new LinkedHashMap<>();
      Thesaurus.read(th)
          .forEach(
              (k, v) -> {
                List<String> single = v.stream().filter(s -> !s.contains(" ")).toList();
                if (!single.isEmpty()) oneWord.put(k, single);
              });
      List<String> stop = StopWords.read(sw);
      STOP.addAll(stop);
      ONE_WORD = new Lexicon(oneWord, stop);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Rng rng(int i) {
    return Rng.forOp(5, Rng.idHash("d" + i), 1, 0);
  }

  @Test
  void synonymNeverReplacesAStopWordAndKeepsCaseAndEveryGap() {
    TextOp op = new SynonymReplace(1.0, ONE_WORD); // replace every candidate
    int replaced = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(200);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      String out = op.apply(p, rng(i));
      assertEquals(Corpus.gaps(p), Corpus.gaps(out), "only word cores change");
      List<String> in = Corpus.words(p);
      List<String> o = Corpus.words(out);
      assertEquals(in.size(), o.size());
      for (int k = 0; k < in.size(); k++) {
        String a = in.get(k);
        String b = o.get(k);
        if (a.equals(b)) continue;
        replaced++;
        assertTrue(
            !STOP.contains(a.toLowerCase(java.util.Locale.ROOT)), "stop word replaced: " + a);
        int pa = CasePreserver.pattern(a);
        int pb = CasePreserver.pattern(b);
        if (pa != CasePreserver.MIXED) assertEquals(pa, pb, a + " -> " + b);
      }
    }
    assertTrue(replaced > 2000, "replaced " + replaced);
  }

  @Test
  void caseFollowsTheReplacedWord() {
    TextOp op = new SynonymReplace(1.0, Lexicon.english());
    for (long s = 0; s < 20; s++) {
      String lower = op.apply("whale", new Rng(s));
      String cap = op.apply("Whale", new Rng(s));
      String upper = op.apply("WHALE", new Rng(s));
      assertEquals(lower, lower.toLowerCase(java.util.Locale.ROOT));
      assertEquals(new String(CasePreserver.capitalize(lower.toCharArray())), cap);
      assertEquals(lower.toUpperCase(java.util.Locale.ROOT), upper);
    }
  }

  @Test
  void docsWithoutCandidatesComeBackAsTheSameInstance() {
    for (TextOp op :
        List.of(
            new SynonymReplace(0.5, Lexicon.english()),
            new RandomInsert(0.5, Lexicon.english()),
            new RandomSwap(0.5),
            new RandomDelete(0.5))) {
      for (String text : List.of("", "   \n", "...!?", "Zyxxq")) {
        assertSame(text, op.apply(text, new Rng(3)), op.name() + " on '" + text + "'");
      }
      if (op instanceof SynonymReplace || op instanceof RandomInsert) {
        String stopWordsOnly = "The OF and to IN";
        assertSame(stopWordsOnly, op.apply(stopWordsOnly, new Rng(3)), op.name());
      }
    }
    assertSame("same same", new RandomSwap(1).apply("same same", new Rng(1)));
  }

  @Test
  void insertPutsSynonymsAtWordBoundariesWithOneSpaceAndCapitalizesASentenceStart() {
    TextOp op = new RandomInsert(1.0, Lexicon.english());
    String text = "The whale.";
    boolean sawStart = false;
    for (long s = 0; s < 200; s++) {
      String out = op.apply(text, new Rng(s));
      assertTrue(!out.contains("  ") && out.endsWith("."), out);
      List<String> w = Corpus.words(out);
      // both input words stay, in order
      assertEquals(2, Corpus.lcs(List.of("The", "whale"), w), out);
      if (!out.startsWith("The")) {
        sawStart = true;
        assertTrue(Character.isUpperCase(out.charAt(0)), out);
      }
    }
    assertTrue(sawStart);
  }

  @Test
  void swapMovesWordsNotPunctuationOrLines() {
    String text = "Call me Ishmael.\nSome years ago, never mind how long!";
    String out = new RandomSwap(0.5).apply(text, new Rng(9));
    assertNotEquals(text, out);
    assertEquals(Corpus.gaps(text), Corpus.gaps(out));
    assertEquals(
        new java.util.TreeMap<>(count(Corpus.words(text))),
        new java.util.TreeMap<>(count(Corpus.words(out))));
  }

  private static Map<String, Integer> count(List<String> words) {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (String w : words) m.merge(w, 1, Integer::sum);
    return m;
  }

  @Test
  void deleteNeverEmptiesADocumentAndLeavesNoDoubleSpace() {
    TextOp all = new RandomDelete(1.0);
    for (long s = 0; s < 50; s++) {
      String out = all.apply("Call me Ishmael. Some years ago", new Rng(s));
      assertEquals(1, Corpus.words(out).size(), out);
    }
    assertSame("Ishmael", all.apply("Ishmael", new Rng(1)));
    TextOp half = new RandomDelete(0.5);
    List<String> paragraphs = Corpus.mobyParagraphs(200);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      String out = half.apply(p, rng(i));
      assertTrue(!out.contains("  ") || p.contains("  "), out);
      assertTrue(!out.startsWith(" ") && !out.endsWith(" "), out);
      assertEquals(Corpus.punctuationAndLines(p), Corpus.punctuationAndLines(out));
    }
  }
}
