package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.quality.html.MainText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledFilesTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String PAGE =
      "<html><head><title>Flood advice</title></head><body>"
          + "<nav><a href=/>Home</a> | <a href=/news>News</a> | <a href=/faq>FAQ</a></nav>"
          + "<article><h1>Flood advice</h1>"
          + "<p>Move valuables upstairs, away from the water, and keep a torch where you can find it in"
          + " the dark. The river rises fastest in the first hours after heavy rain.</p>"
          + "<p>Switch off the electricity at the mains before the water reaches the sockets, and do not"
          + " walk through moving water: fifteen centimetres can knock an adult over.</p></article>"
          + "<footer>Copyright 2024 Riverside Council. All rights reserved.</footer></body></html>";

  @Test
  void htmlIsTheMainTextTheRunsExtractorGives() throws Exception {
    Path f = dir.resolve("pages.jsonl");
    Files.writeString(
        f,
        JSON.writeValueAsString(Map.of("html", PAGE))
            + "\n\n"
            + JSON.writeValueAsString(Map.of("html", "<p>x</p>".repeat(3)))
            + "\n");
    LabelledFiles.Read r =
        LabelledFiles.read(
            new ClassifierSpec.Source(f.toString(), "html", true), List.of(f), false);
    assertEquals(2, r.documents().size());
    LabelledFiles.Document d = r.documents().get(0);
    String expected =
        new MainText().extract(PAGE.getBytes(StandardCharsets.UTF_8), "text/html").text();
    assertEquals(expected, d.text());
    assertTrue(d.text().startsWith("Move valuables upstairs"), d.text());
    assertFalse(d.text().contains("Home"), "the navigation bar is not main text: " + d.text());
    assertFalse(d.text().contains("Copyright"), d.text());
    assertEquals(PAGE, d.raw(), "the record decides the hold-out side");
    assertEquals(1, d.line());
    assertEquals(
        3, r.documents().get(1).line(), "a blank line is no document but counts as a line");
    assertFalse(d.positive());
    assertTrue(r.rejected().isEmpty());
  }

  @Test
  void aPageTheExtractorRejectsIsCountedByReasonNotSilentlyDropped() throws Exception {
    Path f = dir.resolve("pages.jsonl");
    String bomb = "<div>".repeat(300) + "deep" + "</div>".repeat(300);
    Files.writeString(
        f,
        String.join(
            "\n",
            JSON.writeValueAsString(Map.of("html", PAGE)),
            JSON.writeValueAsString(Map.of("html", "   ")),
            JSON.writeValueAsString(Map.of("html", bomb)),
            ""));
    LabelledFiles.Read r =
        LabelledFiles.read(new ClassifierSpec.Source(f.toString(), "html", true), List.of(f), true);
    assertEquals(1, r.documents().size());
    assertEquals(Map.of("empty_body", 1, "too_deep", 1), r.rejected());
  }

  @Test
  void textIsReadAsItIsAndABadLineNamesFileAndLine() throws Exception {
    Path f = dir.resolve("t.jsonl");
    Files.writeString(f, "{\"text\": \"<p>kept as written</p>\"}\n{\"body\": \"x\"}\n");
    ClassifierSpec.Source s = new ClassifierSpec.Source(f.toString(), "text", false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelledFiles.read(s, List.of(f), true));
    assertTrue(e.getMessage().contains("t.jsonl:2"), e.getMessage());
    Files.writeString(f, "{\"text\": \"<p>kept as written</p>\"}\n");
    assertEquals(
        "<p>kept as written</p>",
        LabelledFiles.read(s, List.of(f), true).documents().get(0).text());
  }
}
