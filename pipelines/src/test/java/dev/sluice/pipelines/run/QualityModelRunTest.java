package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.Config;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.quality.html.MainText;
import dev.sluice.schemas.Manifest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * quality_model end to end on real sample text (book chapters, fortunes, and the main text of Apache manual pages
 * as the web input extracts it): the classifier trained from a .yaml at run start, the top fraction computed
 * over the whole run, the perplexity buckets, the columns, the manifest section, the accounting, the same shards
 * on the direct runner, and recipe errors that name the key.
 */
class QualityModelRunTest {
  @TempDir static Path dir;
  static Path input;
  static Path spec;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void corpus() throws Exception {
    Path root = Path.of(System.getProperty("sluice.root", "..")).toAbsolutePath().normalize();
    input = dir.resolve("in");
    Files.createDirectories(input);
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(root.resolve("samples/text/en/moby-dick.jsonl")).subList(0, 40));
    lines.addAll(
        Files.readAllLines(root.resolve("samples/text/en/fortunes-en.jsonl")).subList(0, 100));
    List<String> pages = Files.readAllLines(root.resolve("samples/html/apache-manual.jsonl"));
    MainText extractor = new MainText();
    // 30 pages with main text (an index of links has none: it would be a dead letter, not a score)
    for (int i = 0, added = 0; added < 30; i++) {
      String html = JSON.readTree(pages.get(i)).get("html").textValue();
      String text = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html").text();
      if (text.isBlank()) continue;
      lines.add(JSON.writeValueAsString(Map.of("id", "page-" + i, "text", text)));
      added++;
    }
    Files.write(input.resolve("a.jsonl"), lines);
    spec = dir.resolve("classifier.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "name: test-quality",
            "positives: [{path: \""
                + root
                + "/samples/text/en/sotu-every5y.jsonl\"}, {path: \""
                + root
                + "/samples/text/en/moby-dick.jsonl\"}]",
            "negatives: [{path: \""
                + root
                + "/samples/html/apache-manual.jsonl\", field: html, format: html}]",
            "features: {bits: 16}",
            "bootstrap: 200",
            ""));
  }

  static Map<String, Object> recipeMap(Path out, Map<String, Object> keep) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "qm");
    m.put("input", Map.of("path", input + "/*"));
    Map<String, Object> qm = new LinkedHashMap<>();
    qm.put("classifier", spec.toString());
    if (keep != null) qm.put("keep", keep);
    qm.put("perplexity", Map.of("ngram_order", 4));
    m.put("quality_model", qm);
    m.put("dedup", Map.of("exact", true));
    m.put("output", Map.of("path", out.toString(), "shard_rows", 100));
    return m;
  }

  static RunSummary run(Map<String, Object> recipe, String runner) throws IOException {
    Recipe r = Recipe.from(recipe);
    Path out = Path.of(r.output().path());
    return Curation.run(
        r, InputFiles.expand(r.input().paths()), out, runner, Runners.options(runner, null, 2));
  }

  @Test
  void keepsTheTopFractionByScoreAndBucketsByPerplexity() throws IOException {
    Path out = dir.resolve("top");
    Manifest m = run(recipeMap(out, Map.of("top_fraction", 0.3)), "embedded").manifest();
    Manifest.Counts c = m.counts();
    assertTrue(c.balanced(), c.toString());
    long removed = c.filtered().get("quality_model.score");
    long scored = c.input() - c.dead_letter();
    assertEquals(170, scored);
    // at least 30% kept, and no more than that by more than a bin's ties
    assertTrue(scored - removed >= Math.ceil(0.3 * scored), c.toString());
    assertTrue(scored - removed <= Math.ceil(0.3 * scored) + 3, c.toString());

    List<GenericRecord> kept = CurationTest.rows(out, m.shards());
    List<GenericRecord> gone = CurationTest.rows(out, m.removed());
    double minKept = 1;
    Map<String, Integer> buckets = new HashMap<>();
    int pages = 0;
    for (GenericRecord g : kept) {
      double s = (Double) g.get("quality_model_score");
      minKept = Math.min(minKept, s);
      assertTrue((Double) g.get("perplexity") > 1);
      buckets.merge(g.get("perplexity_bucket").toString(), 1, Integer::sum);
      if (g.get("id").toString().startsWith("page-")) pages++;
    }
    double maxRemoved = 0;
    for (GenericRecord g : gone) {
      if (g.get("reason").toString().equals("quality_model.score")) {
        maxRemoved = Math.max(maxRemoved, (Double) g.get("score"));
      }
    }
    assertTrue(minKept > maxRemoved, minKept + " vs " + maxRemoved);
    assertEquals(0, pages, "no raw page text among the top 30%");
    assertTrue(buckets.keySet().size() >= 2, buckets.toString());

    Map<String, Object> section = m.quality_model();
    @SuppressWarnings("unchecked")
    Map<String, Object> classifier = (Map<String, Object>) section.get("classifier");
    String version = classifier.get("version").toString();
    assertTrue(version.matches("test-quality-[0-9a-f]{12}"), version);
    Path modelJson = out.resolve("quality-model").resolve(version).resolve("model.json");
    assertEquals(
        "platt", JSON.readTree(modelJson.toFile()).path("calibration").path("method").asText());
    assertTrue(Files.isRegularFile(out.resolve("quality-model/perplexity-model.bin")));
    @SuppressWarnings("unchecked")
    Map<String, Object> cutoffs = (Map<String, Object>) section.get("cutoffs");
    assertEquals(170, ((Number) cutoffs.get("documents")).intValue());
    assertTrue(
        (Double) cutoffs.get("perplexity_head_max")
            < (Double) cutoffs.get("perplexity_middle_max"));
    assertTrue(classifier.get("weights_sha256").toString().matches("[0-9a-f]{64}"));
    assertTrue(
        classifier.get("weights_sha256").toString().startsWith(version.substring(13)), version);
    @SuppressWarnings("unchecked")
    Map<String, Object> perplexity = (Map<String, Object>) section.get("perplexity");
    @SuppressWarnings("unchecked")
    Map<String, Number> inBuckets = (Map<String, Number>) perplexity.get("bucket_documents");
    assertEquals(
        scored - removed,
        inBuckets.values().stream().mapToLong(Number::longValue).sum(),
        "every document the score rule kept is given a bucket: " + inBuckets);
    for (Map.Entry<String, Integer> e : buckets.entrySet())
      assertTrue(e.getValue() <= inBuckets.get(e.getKey()).longValue(), inBuckets.toString());
    reportShowsTheQualityModel(out, m, removed);

    Manifest again =
        run(recipeMap(dir.resolve("top-again"), Map.of("top_fraction", 0.3)), "embedded")
            .manifest();
    assertEquals(
        m.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        again.shards().stream().map(Manifest.FileEntry::sha256).toList());
  }

  /** report.json's quality_model and the page's section, opened in Chromium when there is one. */
  static void reportShowsTheQualityModel(Path out, Manifest m, long removed) throws IOException {
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    JsonNode qm = report.path("quality_model");
    assertEquals(removed, qm.path("removed").path("quality_model.score").asLong());
    assertEquals(
        ((Number) ((Map<?, ?>) m.quality_model().get("cutoffs")).get("score_threshold"))
            .doubleValue(),
        qm.path("score_threshold").asDouble());
    assertEquals(
        removed,
        report.path("stats").path("qualityModelRemoved").path("n").asLong(),
        "the removed documents' score histogram");
    assertTrue(qm.path("classifier").path("metrics").path("held_out").has("auc_ci"));
    String html = Files.readString(out.resolve("report.html"));
    String version = qm.path("classifier").path("version").asText();
    assertTrue(html.contains("<h3>Classifier <code>" + version + "</code></h3>"));
    assertTrue(html.contains("keep the top 30.0% by score"));
    String chromium = System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium");
    if (!new File(chromium).canExecute()) return; // ReportTest requires Chromium on CI
    ReportTest.Browser dom;
    try {
      dom = ReportTest.chromium(chromium, "--dump-dom", out.resolve("report.html"));
    } catch (Exception e) {
      throw new AssertionError("chromium", e);
    }
    String section = dom.out().substring(dom.out().indexOf("<section id=\"quality-model\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(section.contains(version), "rendered");
    assertEquals(2, section.split("<svg", -1).length - 1, "the score and perplexity charts");
  }

  @Test
  void bucketsAllDocumentsAtTheRunsPercentilesAndDropsTheBucketsNotKept() throws IOException {
    Path out = dir.resolve("buckets");
    Map<String, Object> recipe = recipeMap(out, null);
    @SuppressWarnings("unchecked")
    Map<String, Object> qm = (Map<String, Object>) recipe.get("quality_model");
    qm.put("perplexity", Map.of("ngram_order", 4, "keep", List.of("head", "middle")));
    Manifest m = run(recipe, "embedded").manifest();
    Manifest.Counts c = m.counts();
    assertTrue(c.balanced(), c.toString());
    long tail = c.filtered().get("quality_model.perplexity_bucket");
    // the tail is what lies above the 60th percentile: at most 40% of the 170 documents
    assertTrue(tail > 0 && tail <= 68, c.toString());
    @SuppressWarnings("unchecked")
    Map<String, Number> inBuckets =
        (Map<String, Number>)
            ((Map<String, Object>) m.quality_model().get("perplexity")).get("bucket_documents");
    assertEquals(tail, inBuckets.get("tail").longValue(), "the tail is what was removed");
    assertEquals(170, inBuckets.values().stream().mapToLong(Number::longValue).sum());
    for (GenericRecord g : CurationTest.rows(out, m.shards())) {
      assertTrue(List.of("head", "middle").contains(g.get("perplexity_bucket").toString()));
    }
  }

  @Test
  void minScoreRemovesEachDocumentBelowIt() throws IOException {
    Path out = dir.resolve("min");
    // a previous run's model in the same run directory is not this run's
    Path stale = out.resolve("quality-model").resolve("qstale-000000000000");
    java.nio.file.Files.createDirectories(stale);
    java.nio.file.Files.writeString(stale.resolve("model.json"), "{}");
    Manifest m = run(recipeMap(out, Map.of("min_score", 0.5)), "embedded").manifest();
    assertTrue(m.counts().balanced(), m.counts().toString());
    try (var models = java.nio.file.Files.list(out.resolve("quality-model"))) {
      List<String> names = models.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2, names.size(), names.toString()); // this run's classifier and perplexity model
      assertTrue(!names.contains(stale.getFileName().toString()), names.toString());
    }
    for (GenericRecord g : CurationTest.rows(out, m.shards())) {
      assertTrue((Double) g.get("quality_model_score") >= 0.5);
    }
    for (GenericRecord g : CurationTest.rows(out, m.removed())) {
      if (g.get("reason").toString().equals("quality_model.score")) {
        assertTrue((Double) g.get("score") < 0.5);
      }
    }
  }

  @Test
  @Tag("slow")
  void directRunnerWritesTheSameShards() throws IOException {
    Manifest direct =
        run(recipeMap(dir.resolve("direct"), Map.of("top_fraction", 0.5)), "direct").manifest();
    Manifest embedded =
        run(recipeMap(dir.resolve("embedded"), Map.of("top_fraction", 0.5)), "embedded").manifest();
    assertEquals(embedded.counts(), direct.counts());
    assertEquals(
        embedded.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        direct.shards().stream().map(Manifest.FileEntry::sha256).toList());
  }

  private static void assertRecipeError(String field, Map<String, Object> qm) {
    Map<String, Object> m = recipeMap(dir.resolve("bad"), null);
    m.put("quality_model", qm);
    Config.ConfigException e = assertThrows(Config.ConfigException.class, () -> Recipe.from(m));
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void badSectionsNameTheKey() throws IOException {
    assertRecipeError("quality_model", Map.of());
    assertRecipeError(
        "quality_model.keep", Map.of("perplexity", Map.of(), "keep", Map.of("min_score", 0.5)));
    assertRecipeError(
        "quality_model.keep",
        Map.of("classifier", "x", "keep", Map.of("min_score", 0.5, "top_fraction", 0.1)));
    assertRecipeError(
        "quality_model.keep.top_fraction",
        Map.of("classifier", "x", "keep", Map.of("top_fraction", 0)));
    assertRecipeError(
        "quality_model.keep.min_score",
        Map.of("classifier", "x", "keep", Map.of("min_score", 1.5)));
    assertRecipeError(
        "quality_model.perplexity.buckets",
        Map.of("perplexity", Map.of("buckets", List.of(0.6, 0.3))));
    assertRecipeError(
        "quality_model.perplexity.keep", Map.of("perplexity", Map.of("keep", List.of("heads"))));
    assertRecipeError(
        "quality_model.perplexity.model",
        Map.of("perplexity", Map.of("model", "m.bin", "reference", List.of("x"))));
    assertRecipeError("quality_model.treshold", Map.of("classifier", "x", "treshold", 1));

    Map<String, Object> notAModel = recipeMap(dir.resolve("bad"), null);
    notAModel.put("quality_model", Map.of("classifier", dir.resolve("in").toString()));
    Recipe r = Recipe.from(notAModel);
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class, () -> QualityModels.check(r.qualityModel(), "jsonl"));
    assertEquals("quality_model.classifier", e.field(), e.getMessage());

    // the input is the perplexity model's default reference only when it is JSONL or text
    Map<String, Object> web = recipeMap(dir.resolve("web"), null);
    web.put("quality_model", Map.of("perplexity", Map.of()));
    Recipe w = Recipe.from(web);
    Config.ConfigException warc =
        assertThrows(
            Config.ConfigException.class, () -> QualityModels.check(w.qualityModel(), "warc"));
    assertEquals("quality_model.perplexity.reference", warc.field(), warc.getMessage());
    assertTrue(warc.getMessage().contains("the input is warc"), warc.getMessage());
  }
}
