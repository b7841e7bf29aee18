package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpanMaskTest {
  @Test
  void fullCoverageMasksEachLineWithOneTokenAndKeepsTheLines() {
    String text = "Call me Ishmael.\nSome years ago, never mind.\n\nThe end";
    String out = new SpanMask(1.0, false).apply(text, new Rng(1));
    assertEquals("[MASK].\n[MASK].\n\n[MASK]", out);
  }

  @Test
  void spanDeleteNeverEmptiesADocument() {
    for (long s = 0; s < 50; s++) {
      String out = new SpanMask(1.0, true).apply("Call me Ishmael. Some years ago", new Rng(s));
      assertEquals(1, Corpus.words(out).size(), out);
    }
  }

  @Test
  void masksReplaceWholeWordsAndKeepTheRestInPlace() {
    TextOp op = new SpanMask(0.3, false);
    for (int i = 0; i < 100; i++) {
      String p = Corpus.mobyParagraphs(100).get(i);
      String out = op.apply(p, Rng.forOp(1, i, 1, 7));
      assertEquals(Corpus.lines(p), Corpus.lines(out));
      assertTrue(!out.contains("[MASK] [MASK]"), "adjacent spans make one mask: " + out);
      // every word left is an input word, in order
      java.util.List<String> kept =
          Corpus.words(out).stream().filter(w -> !w.equals("MASK")).toList();
      assertEquals(kept.size(), Corpus.lcs(Corpus.words(p), kept));
    }
  }
}
