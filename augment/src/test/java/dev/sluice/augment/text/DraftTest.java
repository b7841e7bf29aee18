package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DraftTest {
  @Test
  void anUntouchedDraftGivesBackTheSameString() {
    String text = "Call me Ishmael.";
    Draft d = Draft.of(text);
    assertEquals(3, d.words());
    assertSame(text, d.text());
  }

  @Test
  void rendersWhatItWasGivenWhateverTheScript() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      String s = RandomText.of(r, 50);
      Draft fresh = Draft.of(s);
      int m = fresh.words();
      int[] identity = new int[m];
      for (int k = 0; k < m; k++) identity[k] = k;
      fresh.moveWords(identity, identity, m);
      assertEquals(s, fresh.text(), "seed " + seed);
      Draft copied = Draft.of(s);
      DraftBuilder out = copied.rebuild();
      for (int k = 0; k < m; k++) {
        out.oldGap(k);
        out.oldWord(k);
      }
      out.oldGap(m);
      out.done();
      assertEquals(s, copied.text(), "seed " + seed);
    }
  }

  @Test
  void setWordAndPermuteEditOnlyWords() {
    Draft d = Draft.of("One, two;\nthree.");
    d.words();
    d.setWord(1, "TWO".toCharArray());
    d.moveWords(new int[] {2, 1, 0}, new int[] {0, 1, 2}, 3);
    assertEquals("three, TWO;\nOne.", d.text());
    assertTrue(d.sameWord(0, 0));
    assertFalse(d.sameWord(0, 1));
  }

  @Test
  void theBuilderMergesGapsAndSplitsMultiWordTerms() {
    Draft d = Draft.of("a, b");
    DraftBuilder out = d.rebuild();
    out.oldGap(0);
    out.oldWord(0);
    out.oldGap(1);
    out.gap(Draft.SPACE, 0, 1);
    out.words("large person".toCharArray());
    out.oldGap(2);
    out.done();
    assertEquals("a,  large person", d.text());
    assertEquals(3, d.words());
    assertEquals("person", new String(d.wordBase(2), d.wordFrom(2), d.wordTo(2) - d.wordFrom(2)));
  }

  @Test
  void sentenceStartsAfterTerminalsAndBlankLines() {
    Draft d = Draft.of("One two. Three\nfour\n\nFive six");
    d.words();
    boolean[] want = {true, false, true, false, true, false};
    for (int w = 0; w < want.length; w++) assertEquals(want[w], d.sentenceStart(w), "word " + w);
  }
}
