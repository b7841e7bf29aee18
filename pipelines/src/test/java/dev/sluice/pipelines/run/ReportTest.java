package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.pipelines.cli.Sluice;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.report.Report;
import dev.sluice.report.ReportHtml;
import dev.sluice.schemas.Manifest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run: its numbers are the manifest's, it is one self-contained page under 2 MB, --compare
 * works on two runs that differ, and headless Chromium renders both pages with every section and no console error.
 */
class ReportTest {
  @TempDir static Path dir;
  static Manifest english;
  static Manifest everything;

  @BeforeAll
  static void twoRuns() throws IOException {
    Path samples = Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text");
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    List<String> lines = new ArrayList<>(Files.readAllLines(samples.resolve("multi/udhr.jsonl")));
    lines.addAll(Files.readAllLines(samples.resolve("en/moby-dick.jsonl")).subList(0, 30));
    lines.addAll(Files.readAllLines(samples.resolve("en/fortunes-en.jsonl")).subList(0, 400));
    lines.add("{\"id\": \"bad\", \"text\": ");
    Files.write(in.resolve("docs.jsonl"), lines);
    english = run(in, dir.resolve("english"), List.of("en"));
    everything = run(in, dir.resolve("all"), List.of());
  }

  static Manifest run(Path in, Path out, List<String> keep) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "report-" + out.getFileName());
    m.put("input", Map.of("path", in.toString()));
    m.put("language", Map.of("keep", keep, "min_confidence", 0.5));
    m.put(
        "quality",
        Map.of(
            "rules",
            List.of("gopher_quality", "gopher_repetition", "c4", "fineweb"),
            "gopher_quality",
            // no English stop-word minimum: the two runs are to differ by the language step
            Map.of("min_doc_words", 10, "min_stop_words", 0),
            "c4",
            Map.of("min_sentences", 2)));
    m.put("dedup", Map.of("exact", true, "near", true));
    m.put("output", Map.of("path", out.toString()));
    Recipe r = Recipe.from(m);
    return Curation.run(
            r,
            InputFiles.expand(r.input().paths()),
            out,
            "embedded",
            Runners.options("embedded", null, 2))
        .manifest();
  }

  @Test
  void reportNumbersAreTheManifestsNumbers() throws IOException {
    Path out = dir.resolve("english");
    Report r = Report.read(out);
    assertEquals(english.counts(), r.counts());
    assertEquals(english.stages(), r.stages());
    assertEquals(english.shards(), r.shards());
    assertEquals(english.counts().kept(), r.stats().docsOut);
    assertEquals(
        english.counts().kept(),
        r.stats().langOut.values().stream().mapToLong(Long::longValue).sum());
    long removedOrKept = english.counts().input() - english.counts().dead_letter();
    assertEquals(
        removedOrKept,
        r.stats().langIn.values().stream().mapToLong(Long::longValue).sum(),
        "every parsed document has a language");
    long reasonDocs = r.reasons().stream().mapToLong(Report.Reason::docs).sum();
    assertEquals(english.counts().input() - english.counts().kept(), reasonDocs);
    String html = Files.readString(out.resolve(Report.HTML_FILE));
    Manifest.Counts c = english.counts();
    assertTrue(
        html.contains(
            String.format(
                java.util.Locale.ROOT,
                "input %,d = kept %,d + filtered %,d + duplicate %,d" + " + dead letters %,d",
                c.input(),
                c.kept(),
                c.filteredTotal(),
                c.duplicateTotal(),
                c.dead_letter())));
    for (Map.Entry<String, Long> e : c.filtered().entrySet()) {
      assertTrue(
          html.contains(
              String.format(
                  java.util.Locale.ROOT,
                  "filtered:%s</code></td><td class=\"n\">%,d<",
                  e.getKey(),
                  e.getValue())),
          e.getKey());
    }
    assertTrue(
        r.anomalies().stream().anyMatch(a -> a.contains("dead letters")), r.anomalies().toString());
    assertTrue(Files.size(out.resolve(Report.HTML_FILE)) < 2 << 20, "under 2 MB");
    assertFalse(
        html.contains("http://") || html.contains("https://") || html.contains("<script"),
        "no network requests, no script");
  }

  @Test
  void compareShowsBothRunsAndFlagsTheLanguageShift() throws IOException {
    assertEquals(
        0,
        Sluice.execute(
            "report",
            dir.resolve("english").toString(),
            "--compare",
            dir.resolve("all").toString()));
    String json = Files.readString(dir.resolve("english/compare.json"));
    assertTrue(json.contains("kept share moved") || json.contains("language"), json);
    String html = Files.readString(dir.resolve("english/compare.html"));
    assertTrue(html.contains("baseline"), "side-by-side columns");
    assertEquals(0, Sluice.execute("report", dir.resolve("all").toString()));
    assertEquals(2, Sluice.execute("report", dir.resolve("nope").toString()));
  }

  @Test
  void chromiumRendersEverySectionWithoutConsoleErrors() throws Exception {
    String chromium = System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium");
    boolean required = "true".equals(System.getenv("CI"));
    if (!new File(chromium).canExecute()) {
      if (required)
        throw new AssertionError("CI must have Chromium at " + chromium + " (.ci/run installs it)");
      assumeTrue(false, "no Chromium at " + chromium);
    }
    Sluice.execute(
        "report", dir.resolve("english").toString(), "--compare", dir.resolve("all").toString());
    Path shots = Path.of("target");
    for (String page : List.of("english/report.html", "english/compare.html")) {
      Path file = dir.resolve(page);
      String name = page.replace('/', '-').replace(".html", "");
      Browser dom = chromium(chromium, "--dump-dom", file);
      for (String s : ReportHtml.SECTIONS) {
        assertTrue(dom.out.contains("id=\"" + s + "\""), page + " has section " + s);
      }
      assertTrue(dom.out.contains("<svg"), "charts rendered");
      for (String line : dom.err.split("\n")) {
        assertFalse(
            line.contains("CONSOLE") && (line.contains("rror") || line.contains("Uncaught")),
            page + ": console error: " + line);
      }
      Path png = shots.resolve(name + ".png").toAbsolutePath();
      chromium(chromium, "--screenshot=" + png, file);
      assertTrue(Files.size(png) > 10_000, "screenshot " + png);
    }
  }

  record Browser(String out, String err) {}

  static Browser chromium(String bin, String action, Path file) throws Exception {
    Path profile = Files.createTempDirectory("chromium");
    Path err = Files.createTempFile("chromium", ".err");
    Process p =
        new ProcessBuilder(
                bin,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--hide-scrollbars",
                "--window-size=1280,2400",
                action,
                file.toUri().toString())
            .redirectError(err.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
    return new Browser(out, Files.readString(err));
  }
}
