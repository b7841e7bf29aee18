package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentenceShuffleTest {
  private static String[] sentences(String paragraph) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int s = 0;
    while (s < paragraph.length()) {
      int e = SentenceShuffle.sentenceEnd(paragraph, s, paragraph.length());
      out.add(paragraph.substring(s, e));
      s = e;
      while (s < paragraph.length() && Character.isWhitespace(paragraph.charAt(s))) s++;
    }
    return out.toArray(new String[0]);
  }

  @Test
  void sentencesEndAtTerminalsButNotAfterInitialsAbbreviationsOrBeforeLowerCase() {
    assertEquals(
        Arrays.asList("Mr. Stubb saw J. Smith, etc. and more.", "\"Ahoy!\"", "Is it?", "Yes… no"),
        Arrays.asList(
            sentences("Mr. Stubb saw J. Smith, etc. and more. \"Ahoy!\" Is it? Yes… no")));
    assertEquals(Arrays.asList("你好。", "再见！", "好"), Arrays.asList(sentences("你好。再见！好")));
    assertEquals(Arrays.asList("नमस्ते।", "ठीक है।"), Arrays.asList(sentences("नमस्ते। ठीक है।")));
    assertEquals(Arrays.asList("pi is 3.14 today."), Arrays.asList(sentences("pi is 3.14 today.")));
  }

  @Test
  void sentencesMoveWhileParagraphsAndTheSpacesBetweenSentencesStay() {
    String text = "One. Two. Three.\n\nFour!\nFive? Six.\n\nSeven only.";
    TextOp op = new SentenceShuffle(1.0);
    Set<String> seen = new HashSet<>();
    for (long s = 0; s < 100; s++) {
      String out = op.apply(text, new Rng(s));
      seen.add(out);
      String[] paragraphs = out.split("\n\n", -1);
      assertEquals(3, paragraphs.length, out);
      assertEquals(sorted("One.", "Two.", "Three."), sorted(paragraphs[0].split(" ")), out);
      // the line break after the first sentence stays there, whichever sentence comes first
      assertTrue(paragraphs[1].matches("\\S+\\n\\S+ \\S+"), out);
      assertEquals("Seven only.", paragraphs[2]);
    }
    assertTrue(seen.size() >= 25, "of 36 orders, seen " + seen.size());
  }

  private static Set<String> sorted(String... s) {
    return new java.util.TreeSet<>(Arrays.asList(s));
  }

  @Test
  void oneSentenceParagraphsAndIdentityPermutationsAreUnchanged() {
    TextOp op = new SentenceShuffle(1.0);
    String single = "Just one sentence here.\n\nAnd one more";
    assertSame(single, op.apply(single, new Rng(4)));
    int unchanged = 0;
    for (long s = 0; s < 1000; s++) {
      String text = "Ab cd. Ef gh.";
      if (op.apply(text, new Rng(s)) == text) unchanged++;
    }
    assertEquals(500, unchanged, 60); // half of the permutations of two are the identity
  }
}
