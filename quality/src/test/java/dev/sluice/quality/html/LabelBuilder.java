package dev.sluice.quality.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Writes the hand-checked labels of docs/web.md "How the labelled set was made": for each page, the text of the
 * element that holds the article, less the parts the rules name, one paragraph per block. The rules are per site
 * (two real documentation sites, chosen because their templates put the article in one element):
 *
 * <ul>
 *   <li>{@code apache} (httpd manual, Debian apache2-doc): {@code div#page-content} less the language bars
 *       ({@code .toplang, .bottomlang}), the page-contents/see-also box ({@code #quickview}), the "related
 *       modules / related directives" boxes ({@code table.related}: lists of links to other pages), back-to-top links
 *       ({@code .top}), the page's {@code h1} (it is the title) and the pilcrow permalinks;
 *   <li>{@code sphinx} (Python 3.11 docs, Debian python3.11-doc): {@code div.body[role=main]} less the page's
 *       {@code h1}, the pilcrow header links and the in-page table of contents ({@code .contents}, a link list).
 * </ul>
 *
 * The Korean pages of the sample are left out: the sample holds them already decoded with replacement
 * characters (they are EUC-KR), so no label could be right. Every label was then read beside its page in a browser-like rendering and checked by eye (the start, the end
 * and every removed part); none needed a hand edit. Run: see BENCHMARKS.md.
 */
public final class LabelBuilder {
  private LabelBuilder() {}

  private static final List<String> APACHE_IDS =
      List.of(
          "apache-en-index.html",
          "apache-en-install.html",
          "apache-en-urlmapping.html",
          "apache-en-dns-caveats.html",
          "apache-en-howto_cgi.html",
          "apache-fr-configuring.html",
          "apache-fr-bind.html",
          "apache-de-install.html",
          "apache-es-howto_htaccess.html",
          "apache-ja-urlmapping.html",
          "apache-fr-howto_cgi.html",
          "apache-tr-configuring.html",
          "apache-pt-br-howto_htaccess.html",
          "apache-ru-index.html");

  static final List<String> PYTHON_PAGES =
      List.of(
          "library/bisect.html",
          "library/fnmatch.html",
          "library/getpass.html",
          "library/glob.html",
          "library/heapq.html",
          "library/imghdr.html",
          "library/secrets.html",
          "library/shlex.html",
          "library/textwrap.html",
          "howto/sorting.html",
          "faq/general.html",
          "tutorial/introduction.html");

  /** args: samples/html/apache-manual.jsonl PYTHON_HTML_ROOT OUT.jsonl */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> apache = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      Map<?, ?> row = json.readValue(line, Map.class);
      apache.put((String) row.get("id"), (String) row.get("html"));
    }
    try (Writer out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      for (String id : APACHE_IDS) write(out, json, id, "apache", labelApache(apache.get(id)));
      for (String page : PYTHON_PAGES) {
        String html = Files.readString(Path.of(args[1], page));
        write(out, json, "python3.11-doc/" + page, "sphinx", labelSphinx(html));
      }
    }
  }

  private static void write(Writer out, ObjectMapper json, String id, String rule, String label)
      throws IOException {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("rule", rule);
    row.put("label", label);
    out.write(json.writeValueAsString(row));
    out.write('\n');
  }

  static String labelApache(String html) {
    Document doc = Jsoup.parse(html);
    Element root = doc.selectFirst("div#page-content");
    root.select(
            ".toplang, .bottomlang, #quickview, table.related, .top, h1, a.permalink, button, script, style")
        .remove();
    return blocks(root);
  }

  static String labelSphinx(String html) {
    Document doc = Jsoup.parse(html);
    Element root = doc.selectFirst("div.body[role=main]");
    root.select("h1, a.headerlink, nav.contents, div.contents, script, style").remove();
    return blocks(root);
  }

  private static final String BLOCK = "p, pre, li, dt, dd, h2, h3, h4, h5, h6, td, th, caption";

  /** The text of each innermost block on a line of its own ({@code pre} whole); tokens are what is measured. */
  private static String blocks(Element root) {
    StringBuilder out = new StringBuilder();
    for (Element e : root.select(BLOCK)) {
      if (e.parents().is("pre")) continue;
      boolean innermost = e.is("pre") || e.select(BLOCK).size() == 1; // select includes e itself
      String text = e.is("pre") ? e.wholeText().strip() : innermost ? e.text().strip() : ownText(e);
      if (!text.isEmpty()) out.append(text).append("\n\n");
    }
    return out.toString().strip();
  }

  /** A block holding other blocks (a cell with a heading and a list) contributes only its inline text. */
  private static String ownText(Element e) {
    StringBuilder own = new StringBuilder();
    for (org.jsoup.nodes.Node child : e.childNodes()) {
      if (child instanceof org.jsoup.nodes.TextNode t) own.append(t.text());
      else if (child instanceof Element c && !c.is(BLOCK) && c.select(BLOCK).isEmpty())
        own.append(' ').append(c.text()).append(' ');
    }
    return own.toString().strip().replaceAll("\\s+", " ");
  }
}
