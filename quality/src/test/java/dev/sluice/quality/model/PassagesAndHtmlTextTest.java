package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesAndHtmlTextTest {
  @Test
  void cutsAtLineBreaksUnderTheLimitAndDropsShortRests() {
    String text = "aaaa aaaa\nbbbb bbbb\ncccc\n";
    assertEquals(List.of("aaaa aaaa\nbbbb bbbb", "cccc"), Passages.split(text, 20, 0));
    assertEquals(List.of("aaaa aaaa\nbbbb bbbb"), Passages.split(text, 20, 5));
    // a line longer than the limit is cut at its last space before it
    assertEquals(List.of("one two", "three"), Passages.split("one two three", 9, 0));
    assertEquals(List.of("abcdefgh", "ij"), Passages.split("abcdefghij", 8, 0));
    assertEquals(List.of(), Passages.split("", 10, 0));
  }

  @Test
  void visibleTextKeepsTheBoilerplateButNotScriptsOrStyles() {
    String html =
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<div class=nav><a href=/>Home</a> | <a href=/faq>FAQ</a></div>\n"
            + "<script>var x = 1;</script><p>The article   text.</p>\n\n\n\n<footer>Copyright 2024</footer>"
            + "</body></html>";
    String t = HtmlText.visible(html);
    assertTrue(t.contains("Home | FAQ"), t);
    assertTrue(t.contains("The article   text."), t);
    assertTrue(t.contains("Copyright 2024"), t);
    assertFalse(t.contains("var x"), t);
    assertFalse(t.contains("color"), t);
    assertFalse(t.contains("\n\n\n"), t);
    assertEquals("The article   text.", HtmlText.selected(html, "p", null));
    assertEquals("Home | FAQ", HtmlText.selected(html, "div.nav", "footer"));
    assertEquals("", HtmlText.selected(html, "div.nav", "a, div"));
    assertEquals("", HtmlText.visible(""));
    assertEquals("x", HtmlText.visible("<p>x"));
  }
}
