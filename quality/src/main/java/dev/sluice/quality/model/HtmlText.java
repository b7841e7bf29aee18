package dev.sluice.quality.model;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The full visible text of an HTML page, boilerplate and all: every text node of the body as the page has it
 * (navigation bars, breadcrumbs, link lists, footers), without scripts, styles and templates; runs of blank lines
 * become one blank line and spaces at line ends go. This is what a crawl gives a pipeline that extracts no main
 * text, and what the quality classifier learns to tell from edited prose.
 */
public final class HtmlText {
  private HtmlText() {}

  public static String visible(String html) {
    Document doc = Jsoup.parse(html);
    doc.select(INVISIBLE).remove();
    return tidy(doc.body() == null ? "" : doc.body().wholeText());
  }

  /**
   * The visible text of the elements a CSS selector picks (in document order, one blank line between them), after
   * removing the elements {@code drop} picks (null: none): how a training recipe labels a page's main text by the
   * page's own markup. A selector jsoup cannot parse is an {@link IllegalArgumentException}.
   */
  public static String selected(String html, String select, String drop) {
    Document doc = Jsoup.parse(html);
    doc.select(INVISIBLE).remove();
    if (drop != null) doc.select(drop).remove();
    StringBuilder out = new StringBuilder();
    for (org.jsoup.nodes.Element e : doc.select(select)) out.append(e.wholeText()).append("\n\n");
    return tidy(out.toString());
  }

  private static final String INVISIBLE = "script, style, noscript, template, svg";

  private static String tidy(String text) {
    return text.replaceAll("[ \\t\\u00A0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }
}
