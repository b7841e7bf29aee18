package dev.sluice.quality.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTextTest {
  private static final String ARTICLE =
      "<p>The river rose four metres overnight, and the town council opened the old school as a shelter for"
          + " the families who had to leave their homes before dawn.</p>"
          + "<p>By noon the water had reached the market square, where volunteers were filling sandbags, and"
          + " the mayor said that the bridge would stay closed until the engineers had inspected it.</p>";

  private static MainText.Extracted extract(String html) throws HtmlRejected {
    return new MainText()
        .extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  @Test
  void keepsTheArticleAndDropsNavigationFooterSidebarBannersAndShareButtons() throws HtmlRejected {
    String html =
        "<html><head><title>Flood - Daily News</title></head><body>"
            + "<header><a href=/>Daily News</a><nav><ul><li><a href=/a>World</a></li><li><a href=/b>Sport</a>"
            + "</li><li><a href=/c>Weather</a></li></ul></nav></header>"
            + "<div id=cookie-banner>We use cookies to improve your experience. Accept all cookies to continue"
            + " reading this page and every other page.</div>"
            + "<div class=breadcrumbs><a href=/>Home</a> &gt; <a href=/news>News</a></div>"
            + "<main><article><h1>Flood</h1>"
            + ARTICLE
            + "<div class=share-buttons><a href=#>Share on Facebook</a> <a href=#>Tweet this story</a></div>"
            + "</article></main>"
            + "<aside class=sidebar><h3>Most read</h3><ul><li><a href=/x>Ten things about the weather</a></li>"
            + "<li><a href=/y>Why the bridge matters to everybody who lives in the valley</a></li></ul></aside>"
            + "<footer>Copyright 2024 Daily News. All rights reserved. <a href=/privacy>Privacy</a></footer>"
            + "</body></html>";
    MainText.Extracted got = extract(html);
    assertTrue(got.text().startsWith("The river rose four metres overnight"), got.text());
    assertTrue(got.text().contains("until the engineers had inspected it."), got.text());
    for (String boilerplate :
        new String[] {
          "World",
          "cookies",
          "Home",
          "Share on Facebook",
          "Most read",
          "Copyright",
          "bridge matters"
        })
      assertFalse(got.text().contains(boilerplate), boilerplate + " leaked into: " + got.text());
    assertEquals("Flood - Daily News", got.title());
  }

  @Test
  void keepsLineStructureOfHeadingsParagraphsListsTablesAndCode() throws HtmlRejected {
    String html =
        "<html><body><div class=post-content>"
            + ARTICLE
            + "<h2>What to do</h2>"
            + "<ul><li>Move valuables upstairs, away from the water.</li><li>Switch off the electricity at the"
            + " mains.</li></ul>"
            + "<table><tr><th>Town</th><th>Level</th></tr><tr><td>Riverside</td><td>4.1 m</td></tr></table>"
            + "<pre>\nlevel = read_gauge()\nif level &gt; 4.0:\n    warn()\n</pre>"
            + "<p>Line one<br>line two of the same paragraph, which the author broke by hand for the"
            + " poem.</p>"
            + "</div></body></html>";
    String text = extract(html).text();
    String expected =
        String.join(
            "\n",
            "What to do",
            "",
            "Move valuables upstairs, away from the water.",
            "Switch off the electricity at the mains.",
            "",
            "Town | Level",
            "Riverside | 4.1 m",
            "",
            "level = read_gauge()",
            "if level > 4.0:",
            "    warn()",
            "",
            "Line one",
            "line two of the same paragraph, which the author broke by hand for the poem.");
    assertTrue(text.endsWith(expected), text);
    assertTrue(text.startsWith("The river rose"), text);
    assertTrue(text.contains("before dawn.\n\nBy noon"), text);
  }

  @Test
  void realApacheManualPageKeepsItsTextAndDropsLanguageBarsMenusAndFooter() throws Exception {
    String html = apacheSample("apache-en-dns-caveats.html");
    MainText.Extracted got =
        new MainText().extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
    assertTrue(
        got.text().startsWith("This page could be summarized with the statement"), got.text());
    assertTrue(got.text().contains("Tips to Avoid These Problems"), got.text());
    assertTrue(got.text().contains("<VirtualHost www.example.dom>\n  ServerAdmin"), got.text());
    for (String boilerplate :
        new String[] {
          "Available Languages", "Copyright", "Report a bug", "Glossary", "Apache > HTTP Server"
        }) assertFalse(got.text().contains(boilerplate), boilerplate + " leaked");
    assertEquals(
        "Issues Regarding DNS and Apache HTTP Server - Apache HTTP Server Version 2.4",
        got.title());
  }

  @Test
  void cellsHoldingParagraphsOrNothingKeepTheirRowOnOneLine() throws HtmlRejected {
    String html =
        "<html><body><article><p>The river rose by four metres overnight, and the lower streets of the"
            + " town were under water by the morning, the council said in its statement.</p>"
            + "<table><tr><td></td><td>empty first</td></tr>"
            + "<tr><td><p>Para cell one</p></td><td><div>Div cell</div><p>two</p></td></tr>"
            + "<tr><td>plain</td><td></td><td>last</td></tr></table>"
            + "<p>Residents moved their belongings upstairs and waited for the water to go"
            + " down again, as they had done in the floods of the previous winter.</p>"
            + "</article></body></html>";
    String text = extract(html).text();
    assertTrue(
        text.contains("\n| empty first\nPara cell one | Div cell two\nplain | | last\n"), text);
  }

  @Test
  void pageWithOnlyNavigationHasEmptyText() throws HtmlRejected {
    String html =
        "<html><body><nav><a href=/a>One</a> <a href=/b>Two</a></nav>"
            + "<ul class=menu><li><a href=/c>Three</a></li></ul></body></html>";
    assertEquals("", extract(html).text());
  }

  @Test
  void sameBytesGiveTheSameExtraction() throws Exception {
    byte[] page = apacheSample("apache-en-howto_cgi.html").getBytes(StandardCharsets.UTF_8);
    MainText one = new MainText();
    MainText.Extracted first = one.extract(page, null);
    assertEquals(first, one.extract(page, null));
    assertEquals(first, new MainText().extract(page, null));
  }

  static String apacheSample(String id) throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line :
        Files.readAllLines(Path.of("..", "samples", "html", "apache-manual.jsonl"))) {
      Map<?, ?> row = json.readValue(line, Map.class);
      if (id.equals(row.get("id"))) return (String) row.get("html");
    }
    throw new IllegalArgumentException(id);
  }
}
