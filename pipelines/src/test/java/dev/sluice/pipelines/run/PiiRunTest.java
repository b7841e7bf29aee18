package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import dev.sluice.core.run.RunDir;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pii section end to end: real sample text plus documents with known PII, redacted in the shards, counted
 * per kind in the manifest and the report, with the document counts untouched; and recipe errors that name the
 * field.
 */
class PiiRunTest {
  @TempDir static Path dir;
  static Path input;

  @BeforeAll
  static void corpus() throws IOException {
    input = dir.resolve("in");
    Files.createDirectories(input);
    Path samples = Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text");
    List<String> lines =
        new ArrayList<>(Files.readAllLines(samples.resolve("en/fortunes-en.jsonl")).subList(0, 60));
    lines.add(
        "{\"id\": \"pii-1\", \"text\": \"Write to jane.doe@mail.example.co.uk or owen@apache.org,"
            + " or call +1 415-555-2671.\"}");
    lines.add(
        "{\"id\": \"pii-2\", \"text\": \"The server 93.184.216.34 answered; version 1.2.3.4 and"
            + " 192.168.1.1 did not. Key AKIAIOSFODNN7EXAMPLE.\"}");
    lines.add(
        "{\"id\": \"pii-3\", \"text\": \"Nothing here: user@localhost, lodash@4.17.21, commit"
            + " 9fceb02d0ae598e95dc970b74767f19372d61af8, on 2023-12-04.\"}");
    lines.add(
        "{\"id\": \"pii-4\", \"text\": \"Bitte schreiben Sie an hans.mueller@beispiel.de, wir antworten"
            + " innerhalb von zwei Tagen auf jede Anfrage zu unseren Produkten und Preisen.\"}");
    Files.write(input.resolve("a.jsonl"), lines);
  }

  static Map<String, Object> recipeMap(Path out, Object pii) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "pii");
    m.put("input", Map.of("path", input + "/*"));
    m.put("dedup", Map.of("exact", true));
    if (pii != null) m.put("pii", pii);
    m.put("output", Map.of("path", out.toString(), "shard_rows", 100));
    return m;
  }

  @Test
  void aDocumentALaterStepRemovesIsAlreadyRedactedInRemoved() throws IOException {
    Path out = dir.resolve("removed-redacted");
    Map<String, Object> recipe = recipeMap(out, Map.of());
    recipe.put("language", Map.of("keep", List.of("en"), "min_confidence", 0.0));
    Manifest m = CurationTest.run(recipe, out).manifest();
    assertTrue(m.counts().balanced());
    GenericRecord german = null;
    for (GenericRecord g : CurationTest.rows(out, m.removed()))
      if (g.get("id").toString().equals("pii-4")) german = g;
    assertNotNull(german, "the German document is removed by the language step, after redaction");
    String excerpt = german.get("excerpt").toString();
    assertTrue(excerpt.startsWith("Bitte schreiben Sie an <EMAIL>, wir"), excerpt);
    assertFalse(Files.readString(out.resolve("report.json")).contains("hans.mueller@"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void redactsKeptTextCountsPerKindAndLeavesTheCountsAlone() throws IOException {
    Path out = dir.resolve("redacted");
    Map<String, Object> pii = new HashMap<>();
    pii.put("ip", "[ip]");
    pii.put("phone", false);
    Manifest m = CurationTest.run(recipeMap(out, pii), out).manifest();
    Manifest plain =
        CurationTest.run(recipeMap(dir.resolve("plain"), null), dir.resolve("plain")).manifest();
    assertNull(plain.pii());
    assertEquals(plain.counts(), m.counts());
    assertTrue(m.counts().balanced());

    Map<String, Object> replaced = (Map<String, Object>) m.pii().get("replaced");
    Map<String, Object> documents = (Map<String, Object>) m.pii().get("documents");
    assertEquals(List.of("email", "ip", "secret"), new ArrayList<>(replaced.keySet()));
    long fortunesEmails = ((Number) replaced.get("email")).longValue() - 2;
    assertTrue(fortunesEmails >= 0, "the two planted addresses at least: " + replaced);
    assertEquals(1L, ((Number) replaced.get("ip")).longValue());
    assertEquals(1L, ((Number) replaced.get("secret")).longValue());
    assertEquals(1L, ((Number) documents.get("ip")).longValue());
    assertEquals(
        Map.of("email", "<EMAIL>", "ip", "[ip]", "secret", "<SECRET>"), m.pii().get("tokens"));
    assertTrue(m.stages().stream().anyMatch(s -> s.name().equals("pii") && s.in() == s.out()));

    Map<String, String> text = new HashMap<>();
    for (GenericRecord g : CurationTest.rows(out, m.shards()))
      text.put(g.get("id").toString(), g.get("text").toString());
    assertEquals("Write to <EMAIL> or <EMAIL>, or call +1 415-555-2671.", text.get("pii-1"));
    assertEquals(
        "The server [ip] answered; version 1.2.3.4 and 192.168.1.1 did not. Key <SECRET>.",
        text.get("pii-2"));
    assertTrue(text.get("pii-3").startsWith("Nothing here: user@localhost, lodash@4.17.21"));

    String report = Files.readString(out.resolve("report.json"));
    assertTrue(report.contains("\"documents_redacted\""), "report.json has the pii section");
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<section id=\"pii\">") && html.contains("[ip]"), "report.html");
    assertFalse(Files.readString(dir.resolve("plain/report.html")).contains("[ip]"));
    // the manifest reads back with its pii section (RunDir: what `sluice report` and checks open;
    // JSON numbers come back as Integer, hence the text comparison)
    assertEquals(m.pii().toString(), RunDir.open(out).manifest().pii().toString());
    assertNull(RunDir.open(dir.resolve("plain")).manifest().pii());
  }

  @Test
  void emptySectionRedactsEveryKindWithDefaultTokens() {
    Recipe r = Recipe.from(recipeMap(dir.resolve("x"), Map.of()));
    assertEquals(4, r.pii().tokens().size());
    assertEquals(List.of("US"), r.pii().phoneRegions());
    assertNull(Recipe.from(recipeMap(dir.resolve("x"), false)).pii());
  }

  @Test
  void recipeErrorsNameTheField() {
    rejects(Map.of("mail", "<E>"), "pii.mail");
    rejects(Map.of("email", 3), "pii.email");
    rejects(Map.of("email", ""), "pii.email");
    rejects(Map.of("phone_regions", List.of("XX")), "pii.phone_regions");
    rejects(Map.of("phone_regions", List.of()), "pii.phone_regions");
    rejects("yes", "pii");
  }

  private static void rejects(Object pii, String field) {
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class, () -> Recipe.from(recipeMap(dir.resolve("x"), pii)));
    assertTrue(e.getMessage().startsWith(field + ":"), field + " <- " + e.getMessage());
  }
}
