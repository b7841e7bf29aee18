package dev.sluice.quality.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  private final Normalizer n = new Normalizer(Normalizer.Settings.defaults());

  @Test
  void composesToNfcAndCleansWhitespaceAndControls() {
    assertEquals("caf\u00e9 ok", n.normalize("cafe\u0301 \t ok"));
    assertEquals("a\nb", n.normalize("a \r\nb\r\n"));
    assertEquals("a\n\nb", n.normalize("a\n\n\n\n\nb"));
    assertEquals("ab", n.normalize("\ufeffa\u200bb\u0007"));
    assertEquals("", n.normalize(" \u0000\u0001 "));
  }

  @Test
  void aLinesIndentationIsKeptAndOnlyRunsInsideALineCollapse() {
    assertEquals(
        "def f(x):\n    if x  >  4:\n\treturn 1\n\nend".replace("x  >  4", "x > 4"),
        n.normalize("  def f(x):\r\n    if x  >  4:   \n\treturn 1\n   \nend\n"));
    assertEquals(
        "a\n  b c", n.normalize("a\n \u200b b  c"), "a stripped control is no indentation");
  }

  @Test
  void eachPartCanBeTurnedOff() {
    Normalizer off =
        new Normalizer(
            Normalizer.Settings.from(
                Map.of("unicode", "none", "strip_control", false, "whitespace", false)));
    assertEquals("cafe\u0301  x\r\n", off.normalize("cafe\u0301  x\r\n"));
  }

  @Test
  void wordsSplitPunctuationOffTheEnds() {
    assertEquals(
        List.of("\"", "Hello", ",", "world", "!", "\""), Words.tokens("\"Hello, world!\""));
    assertEquals(List.of("e.g", "."), Words.tokens("e.g."));
  }
}
