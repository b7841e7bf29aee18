package dev.sluice.report;

import static dev.sluice.report.QualityModelSectionTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decontamination and web-input sections from a manifest's {@code decontamination} and {@code warc}: which
 * evaluation sets were checked and how many documents each removed (the sets that hit in bold), and how many WARC
 * records were read and skipped by rule; both read back from report.json the same, and say so when absent.
 */
class WebSectionsTest {
  @TempDir Path dir;

  static Map<String, Object> decontamination() {
    Map<String, Object> sets = new LinkedHashMap<>();
    sets.put(
        "squad-dev",
        Map.of(
            "documents",
            2427,
            "indexed",
            2400,
            "whole",
            20,
            "too_short",
            7,
            "ngrams",
            51234,
            "hits",
            3));
    sets.put(
        "<gsm8k>",
        Map.of(
            "documents",
            1319,
            "indexed",
            1319,
            "whole",
            0,
            "too_short",
            0,
            "ngrams",
            40211,
            "hits",
            0));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ngram", 13);
    d.put("min_words", 8);
    d.put("removed", 3);
    d.put("sets", sets);
    return d;
  }

  static Map<String, Object> warc() {
    Map<String, Object> skipped = new LinkedHashMap<>();
    skipped.put("not_html", 41);
    skipped.put("status_not_200", 6);
    return Map.of("records", 147, "skipped", skipped);
  }

  static String section(String html, String id) {
    int at = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(at >= 0, "no section " + id);
    return html.substring(at, html.indexOf("</section>", at) + "</section>".length());
  }

  @Test
  void pageShowsEachEvaluationSetAndTheSkippedRecords() throws Exception {
    Report r =
        Report.build(
            QualityModelSectionTest.manifest(null, decontamination(), warc()),
            new RunStats(),
            Map.of());
    r.write(dir);
    String html = ReportHtml.render(Report.read(dir), null);
    assertEquals(ReportHtml.render(r, null), html, "re-rendered from report.json alone");

    String d = section(html, "decontamination");
    assertContains(d, "Removed 3 documents (3.00% of the input) that share a 13-word n-gram");
    assertContains(d, "evaluation documents of 8 to 12 words matched whole");
    assertContains(
        d,
        "<tr><td>squad-dev</td><td>2,427</td><td>2,400</td><td>20</td><td>7</td><td>51,234</td>"
            + "<td><b>3</b></td></tr>");
    assertContains(d, "<tr><td>&lt;gsm8k&gt;</td>");
    assertContains(d, "<td>40,211</td><td>0</td></tr>");

    String w = section(html, "warc");
    assertContains(w, "147 WARC records read: 100 HTML pages and text records became the input");
    assertContains(w, "47 were skipped by rule");
    assertContains(w, "<tr><td><code>not_html</code></td><td>41</td></tr>");
    assertContains(w, "<tr><td><code>status_not_200</code></td><td>6</td></tr>");
    assertFalse(html.contains("http"), "offline");
  }

  @Test
  void withoutThemThePageSaysSoOrLeavesTheSectionOut() {
    String html =
        ReportHtml.render(
            Report.build(
                QualityModelSectionTest.manifest(null, null, null), new RunStats(), Map.of()),
            null);
    assertEquals(
        "<section id=\"decontamination\"><h2>Decontamination</h2><p>None: the recipe has no"
            + " <code>decontaminate</code> section.</p></section>",
        section(html, "decontamination"));
    assertFalse(html.contains("<section id=\"warc\">"), "no web input section for other inputs");
  }
}
