package dev.sluice.augment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharNoiseTest {
  @Test
  void qwertyNeighboursAreTheKeysAround() {
    assertEquals("wa", KeyboardTypos.neighbours('q'));
    assertEquals("sqwz", KeyboardTypos.neighbours('a'));
    assertEquals("fhtyvb", KeyboardTypos.neighbours('g'));
    assertEquals("njk", KeyboardTypos.neighbours('m'));
  }

  @Test
  void typosKeepCaseAndLeaveNonAsciiAndMarkedLettersAlone() {
    TextOp op = new KeyboardTypos(1.0);
    String untouchable = "café crème e\u0301 naïve Ünïcödé ÀÉÎ";
    for (long s = 0; s < 50; s++) {
      String out = op.apply("ABC DEF", new Rng(s));
      for (char c : out.toCharArray()) assertTrue(c == ' ' || c >= 'A' && c <= 'Z', out);
      String u = op.apply(untouchable, new Rng(s));
      // every non-ASCII char is where it was, and so is each letter carrying a mark
      assertEquals(nonAscii(untouchable), nonAscii(u), u);
      assertTrue(u.contains("e\u0301"), u);
    }
    assertSame("e\u0301 ü 123 !", op.apply("e\u0301 ü 123 !", new Rng(1)));
  }

  private static String nonAscii(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) if (c >= 128) sb.append(c);
    return sb.toString();
  }

  @Test
  void ocrConfusesBothWays() {
    TextOp op = new OcrNoise(1.0);
    assertEquals(
        "m d w l 0 O 5 S 8 B c e b h", op.apply("rn cl vv I O 0 S 5 B 8 e c h b", new Rng(1)));
    assertEquals("rn cl vv", op.apply("m d w", new Rng(1)));
    String l = op.apply("l", new Rng(2));
    assertTrue(l.equals("1") || l.equals("I"), l);
    assertSame("e\u0301 rn\u0301 x", op.apply("e\u0301 rn\u0301 x", new Rng(1)));
    assertNotEquals("e", op.apply("e", new Rng(1)));
  }
}
