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
    doc.select("script, style, noscript, template, svg").remove();
    String text = doc.body() == null ? "" : doc.body().wholeText();
    return text.replaceAll("[ \\t\\u00A0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }
}
