package dev.sluice.quality.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.quality.html.BlockRenderer.Block;
import dev.sluice.quality.html.ClassIdSignals.Signal;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The class/id signals and the block filter's context rules, one behaviour each. */
class BoilerplateRulesTest {
  private static final ClassIdSignals SIGNALS = new ClassIdSignals(200);
  private static final String PROSE =
      "The council met on Tuesday and agreed, after a long debate, that the library stays open.";

  private static Signal signal(String cls) {
    return SIGNALS.signal(new Element("div").attr("class", cls));
  }

  @Test
  void classNamesAreReadAsTokensAndGluedSubstrings() {
    assertEquals(Signal.BOILERPLATE, signal("cookie-banner"));
    assertEquals(Signal.BOILERPLATE, signal("sharebar")); // glued
    assertEquals(Signal.BOILERPLATE, signal("site-footer"));
    assertEquals(Signal.CONTENT, signal("post-content"));
    assertEquals(Signal.NONE, signal("headline2 wrapper")); // "headline2" is no token of ours
  }

  @Test
  void wrapperNamesAndMixedNamesAreOnlyMaybeBoilerplate() {
    assertEquals(Signal.MAYBE_BOILERPLATE, signal("pg-right-rail-tall pg-wrapper"));
    assertEquals(Signal.MAYBE_BOILERPLATE, signal("article-body pagination-first"));
    assertEquals(Signal.MAYBE_BOILERPLATE, signal("toplang"));
  }

  @Test
  void onlyTheFirstCharactersOfAHugeAttributeAreRead() {
    assertEquals(Signal.NONE, signal("x".repeat(1000) + " cookie-banner"));
  }

  private static Block good(String text) {
    return new Block(text, "p", text.length(), 0, 2);
  }

  private static Block of(String kind, String text, int linkChars) {
    return new Block(text, kind, text.length(), linkChars, 2);
  }

  private static List<String> kept(List<Block> blocks) {
    List<String> texts = new ArrayList<>();
    for (Block b : new BlockFilter().filter(blocks, "Title of the page")) texts.add(b.text());
    return texts;
  }

  @Test
  void shortBlocksSurviveBetweenGoodBlocksAndNotAtTheEdges() {
    List<Block> blocks =
        List.of(
            of("p", "By J. Smith", 0),
            good(PROSE),
            of("p", "Then it rained", 0),
            good(PROSE),
            of("p", "Tags", 0));
    assertEquals(List.of(PROSE, "Then it rained", PROSE), kept(blocks));
  }

  @Test
  void headingsSurviveOnlyWhenGoodTextFollows() {
    List<Block> blocks = List.of(of("h", "Background", 0), good(PROSE), of("h", "More stories", 0));
    assertEquals(List.of("Background", PROSE), kept(blocks));
  }

  @Test
  void linkDenseBlocksAndKnownBoilerplateLinesAreDropped() {
    String links = "Home Sport Weather Business Culture Travel Opinion";
    List<Block> blocks =
        List.of(
            good(PROSE), of("p", links, links.length()), of("p", "Advertisement", 0), good(PROSE));
    assertEquals(List.of(PROSE, PROSE), kept(blocks));
  }

  @Test
  void codeIsKeptWhateverItsLength() {
    List<Block> blocks = List.of(good(PROSE), of("pre", "x = 1", 0));
    assertEquals(List.of(PROSE, "x = 1"), kept(blocks));
  }

  @Test
  void theTitleRepeatedAsFirstHeadingIsLeftToTitle() {
    List<Block> blocks = List.of(of("h", "Title of the page", 0), good(PROSE));
    assertEquals(List.of(PROSE), kept(blocks));
  }

  @Test
  void linksInsideThePageAreNotLinkText() {
    assertEquals(false, TextStats.isLink(new Element("a").attr("href", "#section-2")));
    assertEquals(true, TextStats.isLink(new Element("a").attr("href", "/news/other-story")));
    assertEquals(false, TextStats.isLink(new Element("span")));
  }
}
