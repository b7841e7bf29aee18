package dev.sluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.schemas.Manifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality-model section from a manifest's {@code quality_model}: report.json adds the documents removed and
 * the threshold applied, the page shows the model's hash, its AUC interval, the keep rule, the kept and removed
 * score histograms and the bucket counts, and it reads back from report.json the same.
 */
class QualityModelSectionTest {
  @TempDir Path dir;

  static Manifest manifest(Map<String, Object> qualityModel) {
    return manifest(qualityModel, null, null);
  }

  /** A run of 100 documents, 52 kept, with these optional sections (null: absent). */
  static Manifest manifest(
      Map<String, Object> qualityModel,
      Map<String, Object> decontamination,
      Map<String, Object> warc) {
    Manifest base =
        DatasetCardTest.manifest(
            Map.of("name", "qm", "input", Map.of("path", "x"), "output", Map.of("path", "y")));
    Manifest.Counts c =
        new Manifest.Counts(
            100,
            52,
            0,
            Map.of("quality_model.score", 40L, "quality_model.perplexity_bucket", 8L),
            Map.of("exact", 0L, "near", 0L, "history", 0L),
            0);
    return new Manifest(
        base.recipe(),
        base.recipe_sha256(),
        base.sluice_version(),
        base.runner(),
        base.started(),
        base.finished(),
        c,
        List.of(),
        base.shards(),
        base.removed(),
        List.of(),
        Map.of(),
        1,
        42,
        null,
        null,
        null,
        null,
        qualityModel,
        decontamination,
        warc);
  }

  static Map<String, Object> section() {
    Map<String, Object> classifier = new LinkedHashMap<>();
    classifier.put("version", "quality-en-2c51d98a8bf8");
    classifier.put("dir", "quality-model/quality-en-2c51d98a8bf8");
    classifier.put("trained_from", "samples/quality/classifier.yaml");
    classifier.put("column", "quality_model_score");
    classifier.put("keep_top_fraction", 0.6);
    classifier.put("weights_sha256", "2c51d98a8bf8" + "0".repeat(52));
    classifier.put(
        "metrics",
        Map.of(
            "held_out",
            Map.of(
                "auc",
                0.9484,
                "auc_ci",
                List.of(0.8997, 0.9792),
                "auc_ci_level",
                0.95,
                "documents",
                Map.of("positive", 55, "negative", 17))));
    Map<String, Object> perplexity = new LinkedHashMap<>();
    perplexity.put("version", "kn5-743ccf27ca6e");
    perplexity.put("file", "quality-model/perplexity-model.bin");
    perplexity.put("reference", List.of("samples/text/en/*.jsonl"));
    perplexity.put("order", 5);
    perplexity.put("training_docs", 13896);
    perplexity.put("bucket_percentiles", List.of(0.3, 0.6));
    perplexity.put("keep_buckets", List.of("head", "middle"));
    perplexity.put("bucket_documents", Map.of("head", 30, "middle", 22, "tail", 8));
    Map<String, Object> cutoffs = new LinkedHashMap<>();
    cutoffs.put("documents", 100);
    cutoffs.put("top_fraction", 0.6);
    cutoffs.put("score_threshold", 0.5205);
    cutoffs.put("perplexity_head_max", 5.78);
    cutoffs.put("perplexity_middle_max", 6.19);
    Map<String, Object> qm = new LinkedHashMap<>();
    qm.put("classifier", classifier);
    qm.put("perplexity", perplexity);
    qm.put("cutoffs", cutoffs);
    return qm;
  }

  static RunStats stats() {
    RunStats s = new RunStats();
    for (int i = 0; i < 100; i++) {
      double score = i / 100.0;
      RunStats.addTo(s.signalsIn, RunStats.QUALITY_MODEL_SCORE, score);
      if (score < 0.4) s.qualityModelRemoved.add(score);
      RunStats.addTo(s.signalsIn, RunStats.QUALITY_MODEL_PERPLEXITY, 4 + i / 25.0);
    }
    return s;
  }

  @Test
  void jsonAddsTheRemovedDocumentsAndTheThresholdApplied() {
    Map<String, Object> json = QualityModelSection.json(manifest(section()));
    assertEquals(
        Map.of("quality_model.score", 40L, "quality_model.perplexity_bucket", 8L),
        json.get("removed"));
    assertEquals(0.5205, json.get("score_threshold"));
    assertEquals(section().get("classifier"), json.get("classifier"), "the manifest's, unchanged");

    Map<String, Object> minScore = section();
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) minScore.get("classifier");
    c.remove("keep_top_fraction");
    c.put("keep_min_score", 0.7);
    minScore.remove("cutoffs");
    assertEquals(0.7, QualityModelSection.json(manifest(minScore)).get("score_threshold"));
    assertEquals(null, QualityModelSection.json(manifest(null)));
  }

  @Test
  void pageShowsTheModelTheRuleTheHistogramsAndTheBuckets() throws Exception {
    Report r = Report.build(manifest(section()), stats(), Map.of());
    r.write(dir);
    Report back = Report.read(dir);
    String before = ReportHtml.render(r, null);
    String html = ReportHtml.render(back, null);
    assertEquals(before, html, "re-rendered from report.json alone");
    String sec = html.substring(html.indexOf("<section id=\"quality-model\">"));
    sec = sec.substring(0, sec.indexOf("</section>"));
    assertContains(sec, "quality-en-2c51d98a8bf8");
    assertContains(sec, "2c51d98a8bf8" + "0".repeat(52));
    assertContains(sec, "<b>0.948</b>, 95% interval 0.900–0.979");
    assertContains(sec, "trained on 13,896 documents of <code>samples/text/en/*.jsonl</code>");
    assertContains(sec, "keep the top 60.0% by score");
    assertContains(sec, "0.5205");
    assertContains(sec, "<b>40</b> (40.0% of the input)");
    assertContains(sec, "kept 60, p50");
    assertContains(sec, "removed 40, p50");
    assertContains(sec, "<td>head</td><td>≤ 5.78</td><td class=\"n\">30</td>");
    assertContains(sec, "<td>tail</td><td>&gt; 6.19</td><td class=\"n\">8</td>");
    assertContains(sec, "<b>removed</b>");
    assertEquals(2, sec.split("<svg", -1).length - 1, "two charts");
    assertFalse(sec.contains("http"), "offline");
  }

  static void assertContains(String html, String part) {
    assertTrue(html.contains(part), "missing: " + part);
  }

  @Test
  void withoutTheSectionThePageSaysSo() {
    String html = ReportHtml.render(Report.build(manifest(null), new RunStats(), Map.of()), null);
    assertTrue(
        html.contains(
            "<section id=\"quality-model\"><h2>Quality model</h2><p>None: the recipe has no"
                + " <code>quality_model</code> section.</p></section>"));
  }

  @Test
  void aHistogramLessASubsetOfItsValues() {
    Histogram all = Histogram.forSignal(RunStats.QUALITY_MODEL_SCORE);
    Histogram some = Histogram.forSignal(RunStats.QUALITY_MODEL_SCORE);
    for (double v : new double[] {0.1, 0.1, 0.5, 0.9}) all.add(v);
    some.add(0.1);
    some.add(0.9);
    Histogram rest = all.minus(some);
    assertEquals(2, rest.n);
    assertEquals(0.6, rest.sum, 1e-12);
    assertEquals(1, rest.counts[all.bin(0.1)]);
    assertEquals(0, rest.counts[all.bin(0.9)]);
    assertThrows(IllegalArgumentException.class, () -> some.minus(all), "not a subset");
    assertThrows(
        IllegalArgumentException.class,
        () -> all.minus(Histogram.forSignal(RunStats.QUALITY_MODEL_PERPLEXITY)),
        "other bins");
  }
}
