package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeletionsTest {
  /** Deletes the words at the given indexes. */
  private static String delete(String text, int... words) {
    WordSpans w = WordSpans.of(text);
    int[] s = new int[words.length];
    int[] e = new int[words.length];
    for (int i = 0; i < words.length; i++) {
      s[i] = w.starts[words[i]];
      e[i] = w.ends[words[i]];
    }
    return Deletions.remove(text, s, e, words.length);
  }

  @Test
  void aWordGoesWithTheSpaceBeforeItElseTheSpaceAfter() {
    assertEquals("Call me, Ishmael.", delete("Call me, old Ishmael.", 2));
    assertEquals("the.", delete("the whale.", 1));
    assertEquals("whale.", delete("the whale.", 0));
    assertEquals("a d", delete("a b c d", 1, 2));
    assertEquals("a", delete("a b c", 1, 2));
    assertEquals("b", delete("a b c", 0, 2));
    assertEquals("a, d", delete("a b, c d", 1, 2));
    assertEquals("() x", delete("(big) x", 0));
  }

  @Test
  void lineBreaksAndIndentationStay() {
    assertEquals("one\ntwo", delete("one x\ntwo", 1));
    assertEquals("one\n  three", delete("one\n  two three", 1));
    assertEquals("one\n\nthree", delete("one\n\ntwo three", 1));
    assertEquals("a\r\nc", delete("a b\r\nc", 1));
  }
}
