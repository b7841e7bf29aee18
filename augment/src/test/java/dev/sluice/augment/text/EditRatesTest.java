package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each op's edit rate measured on real text: 500 paragraphs of Moby-Dick (10 to 300 words each, 37,088 words).
 * Tolerances are stated per op, with the reason they are what they are.
 */
class EditRatesTest {
  private static final int PARAGRAPHS = 500;

  private static Rng rng(int i, int op) {
    return Rng.forOp(2024, Rng.idHash("p" + i), 1, op);
  }

  @Test
  void synonymReplacesExactlyMaxOneRoundAlphaTimesWordsWords() {
    double alpha = 0.1;
    TextOp op = new SynonymReplace(alpha, Lexicon.english());
    long changed = 0;
    long expected = 0;
    long words = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      List<String> in = Corpus.words(p);
      List<String> out = Corpus.words(op.apply(p, rng(i, 0)));
      changed += in.size() - Corpus.lcs(in, out); // input words no longer there
      expected += TextOp.edits(alpha, in.size());
      words += in.size();
    }
    // Every paragraph has enough candidates: the count is exact but for the rare synonym that the
    // word-level alignment matches elsewhere. Measured: 0.998 of the count, 0.1007 of the words.
    assertEquals(1.0, changed / (double) expected, 0.01, changed + " of " + expected);
    assertEquals(alpha, changed / (double) words, 0.005);
  }

  @Test
  void insertAddsMaxOneRoundAlphaTimesWordsSynonymsAndKeepsEveryWord() {
    double alpha = 0.1;
    TextOp op = new RandomInsert(alpha, Lexicon.english());
    long inserted = 0;
    long expected = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      List<String> in = Corpus.words(p);
      List<String> out = Corpus.words(op.apply(p, rng(i, 1)));
      assertEquals(in.size(), Corpus.lcs(in, out), "no word lost: " + p);
      inserted += out.size() - in.size();
      expected += TextOp.edits(alpha, in.size());
    }
    // Each insertion is one synonym; about a fifth of the thesaurus' synonyms are two or more
    // words ("large person"), so words inserted per insertion is 1 to ~1.4. Measured: 1.14.
    double perInsertion = inserted / (double) expected;
    assertTrue(perInsertion >= 1.0 && perInsertion <= 1.4, "words per insertion " + perInsertion);
  }

  @Test
  void swapMovesTwoWordsPerSwap() {
    double alpha = 0.1;
    TextOp op = new RandomSwap(alpha);
    long moved = 0;
    long expected = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      String swapped = op.apply(p, rng(i, 2));
      List<String> in = Corpus.words(p);
      List<String> out = Corpus.words(swapped);
      assertEquals(in.size(), out.size());
      assertEquals(Corpus.gaps(p), Corpus.gaps(swapped), "only words move");
      for (int k = 0; k < in.size(); k++) if (!in.get(k).equals(out.get(k))) moved++;
      expected += 2L * TextOp.edits(alpha, in.size());
    }
    // Fewer than 2 per swap when a swap hits a word moved before or two equal words ("the", "the"):
    // with α = 0.1 that is ~10% of swaps. Measured: 0.906.
    double ratio = moved / (double) expected;
    assertTrue(ratio > 0.85 && ratio <= 1.0, "moved per expected " + ratio);
  }

  @Test
  void deleteRemovesASharePOfWords() {
    for (double p : new double[] {0.1, 0.3}) {
      TextOp op = new RandomDelete(p);
      long deleted = 0;
      long words = 0;
      List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
      for (int i = 0; i < paragraphs.size(); i++) {
        String para = paragraphs.get(i);
        List<String> in = Corpus.words(para);
        List<String> out = Corpus.words(op.apply(para, rng(i, 3)));
        assertEquals(out.size(), Corpus.lcs(in, out), "only deletions");
        deleted += in.size() - out.size();
        words += in.size();
      }
      // Binomial over 37,088 words: sd < 0.0025; 0.01 is four of them. Measured: 0.0996, 0.3019.
      assertEquals(p, deleted / (double) words, 0.01, "p=" + p);
    }
  }

  @Test
  void typoHitsAShareRateOfLetters() {
    double rate = 0.05;
    TextOp op = new KeyboardTypos(rate);
    long edits = 0;
    long letters = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      String out = op.apply(p, rng(i, 4));
      List<String> in = Corpus.words(p);
      List<String> outWords = Corpus.words(out);
      assertEquals(in.size(), outWords.size(), "typos never add or remove a word");
      for (int k = 0; k < in.size(); k++) {
        edits += dev.sluice.core.config.DidYouMean.distance(in.get(k), outWords.get(k));
        letters += in.get(k).chars().filter(c -> KeyboardTypos.isAsciiLetter((char) c)).count();
      }
    }
    // Each hit is one edit (substitution, neighbour swap, drop or double); a swap consumes two
    // letters and two hits on neighbours can cancel, so edits run a little under hits.
    // Measured: 0.0490.
    assertEquals(rate, edits / (double) letters, 0.005);
  }

  @Test
  void ocrChangesAShareRateOfConfusablePlaces() {
    double rate = 0.1;
    TextOp op = new OcrNoise(rate);
    // one confusable place per token: each change turns a token into its counterpart
    String unit = "e c h b O 0 S 5 B 8 1 I m rn cl d vv w ";
    String text = unit.repeat(500);
    String[] in = text.split(" ");
    long changed = 0;
    for (int copy = 1; copy <= 4; copy++) {
      String[] out = op.apply(text, Rng.forOp(1, 2, copy, 5)).split(" ");
      assertEquals(in.length, out.length);
      for (int k = 0; k < in.length; k++) if (!in[k].equals(out[k])) changed++;
    }
    double share = changed / (4.0 * in.length);
    // Binomial over 36,000 places: sd 0.0016.
    assertEquals(rate, share, 0.008);
  }

  @Test
  void sentenceShuffleChangesAShareRateOfParagraphsBarringIdentityPermutations() {
    double rate = 0.5;
    TextOp op = new SentenceShuffle(rate);
    double expected = 0;
    int changed = 0;
    List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      int sentences = 0;
      for (int s = 0; s < p.length(); ) {
        s = SentenceShuffle.sentenceEnd(p, s, p.length());
        sentences++;
        while (s < p.length() && Character.isWhitespace(p.charAt(s))) s++;
      }
      double identity = 1;
      for (int k = 2; k <= sentences; k++) identity /= k;
      expected += rate * (1 - identity);
      if (!op.apply(p, rng(i, 6)).equals(p)) changed++;
    }
    // Bernoulli per paragraph, 145 changes expected: sd ~10 (7%); allowed 15%. Measured: 0.964.
    assertEquals(1.0, changed / expected, 0.15, changed + " vs expected " + expected);
  }

  @Test
  void spanOpsCoverAShareRateOfWords() {
    for (double rate : new double[] {0.15, 0.5}) {
      for (boolean delete : new boolean[] {false, true}) {
        TextOp op = new SpanMask(rate, delete);
        long covered = 0;
        long words = 0;
        long spans = 0;
        List<String> paragraphs = Corpus.mobyParagraphs(PARAGRAPHS);
        for (int i = 0; i < paragraphs.size(); i++) {
          String p = paragraphs.get(i);
          List<String> in = Corpus.words(p);
          List<String> out = Corpus.words(op.apply(p, rng(i, delete ? 8 : 7)));
          long masks = out.stream().filter("MASK"::equals).count();
          covered += in.size() - (out.size() - masks);
          spans += masks;
          words += in.size();
        }
        // Spans average 3 words: 1,800+ spans over 37,088 words, sd of the share < 0.004; spans cut
        // at a paragraph's end cover a little less. Measured: 0.144, 0.146 (rate 0.15), 0.492,
        // 0.490.
        assertEquals(rate, covered / (double) words, 0.02, op.name() + " rate " + rate);
        if (!delete) {
          assertTrue(
              covered / (double) spans >= 2.5, "mean words per [MASK] " + covered / (double) spans);
        }
      }
    }
  }
}
