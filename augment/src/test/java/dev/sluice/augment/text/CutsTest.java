package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CutsTest {
  /** Deletes the words at the given indexes. */
  private static String delete(String text, int... words) {
    Draft d = Draft.of(text);
    boolean[] gone = new boolean[d.words()];
    for (int w : words) gone[w] = true;
    Cuts.delete(d, gone, gone.length, false);
    return d.text();
  }

  private static String deleteRuns(String text, int... words) {
    Draft d = Draft.of(text);
    boolean[] gone = new boolean[d.words()];
    for (int w : words) gone[w] = true;
    Cuts.delete(d, gone, gone.length, true);
    return d.text();
  }

  private static String mask(String text, int... words) {
    Draft d = Draft.of(text);
    boolean[] covered = new boolean[d.words()];
    for (int w : words) covered[w] = true;
    Cuts.mask(d, covered, covered.length, "[M]".toCharArray());
    return d.text();
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

  @Test
  void aSpanGoesWithThePunctuationInsideItButNotAcrossALineBreak() {
    assertEquals("Call Ishmael.", deleteRuns("Call me, old Ishmael.", 1, 2));
    assertEquals("a\nd", deleteRuns("a b\nc d", 1, 2));
    assertEquals("Call [M] Ishmael.", mask("Call me, old Ishmael.", 1, 2));
    assertEquals("a [M]\n[M] d", mask("a b\nc d", 1, 2));
    assertEquals("[M]!", mask("Call me!", 0, 1));
  }
}
