package dev.sluice.scaling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scaling.analysis.ScaleAnalysis;
import dev.sluice.scaling.fit.ScalingLaw;
import dev.sluice.scaling.run.PointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling report from points drawn from known laws (arm "curated" planted at 2x): the verdict and the
 * multiplier table come first and name the step, the JSON carries every section, and headless Chromium draws
 * every chart without a console error.
 */
class ScaleReportTest {
  static final ScalingLaw RAW = new ScalingLaw(1.0, 40, 900, 0.34, 0.36);

  static List<PointResult> points() {
    Random rnd = new Random(3);
    List<PointResult> out = new ArrayList<>();
    for (String arm : List.of("raw", "curated")) {
      double b = arm.equals("raw") ? RAW.b() : RAW.b() / Math.pow(2, RAW.beta());
      ScalingLaw law = new ScalingLaw(RAW.e(), RAW.a(), b, RAW.alpha(), RAW.beta());
      for (double c : new double[] {1e13, 4e13, 1.6e14}) {
        for (double n : new double[] {1e5, 3e5, 1e6, 3e6}) {
          for (long seed : c == 1e13 ? new long[] {1, 2} : new long[] {1}) {
            double d = c / (6 * n);
            double bpb = law.loss(n, d) * Math.exp(0.005 * rnd.nextGaussian());
            out.add(
                new PointResult(
                    arm + "/" + n + "/C" + c + "/s" + seed,
                    arm,
                    "n" + n,
                    c,
                    seed,
                    (long) n,
                    6 * n,
                    (long) (d / 4096),
                    (long) d,
                    c,
                    (long) (d / 2),
                    2.0,
                    1e5,
                    d / 1e5,
                    bpb,
                    Map.of("clean", bpb, "holdout", bpb * 1.05),
                    "out/x",
                    "sha"));
          }
        }
      }
    }
    return out;
  }

  static ObjectNode report() {
    List<PointResult> pts = points();
    List<ScaleAnalysis.SetAnalysis> sets = new ArrayList<>();
    for (String set : List.of("clean", "holdout")) {
      sets.add(ScaleAnalysis.analyse(pts, List.of("raw", "curated"), set, 200, 1));
    }
    return ScaleReportData.of(
        "synthetic", Map.of("name", "synthetic"), Map.of(), null, pts, List.of(), sets);
  }

  @Test
  void jsonHasTheVerdictTheMultipliersAndTheHonestyChecks() {
    JsonNode set = report().path("eval_sets").get(0);
    assertEquals("clean", set.path("eval_set").asText());
    JsonNode m = set.path("fit").path("multipliers").path("curated");
    assertTrue(m.path("ci_low").asDouble() < 2 && m.path("ci_high").asDouble() > 2, m.toString());
    assertTrue(
        set.path("verdict")
            .get(0)
            .asText()
            .startsWith("At budget 1.60e+14 FLOPs, spend it on curated"),
        set.path("verdict").toString());
    assertTrue(set.path("held_out_budget_error").path("raw").asDouble() < 0.02, set.toString());
    assertTrue(set.path("seed_noise_relative_sd").asDouble() > 0);
    // 12 distinct points per arm: each has a law of its own, and the multipliers per budget
    assertEquals(3, set.path("fit").path("multipliers_per_budget").size(), set.toString());
    assertEquals("own", set.path("fit").path("arms").path("curated").path("source").asText());
    assertEquals(2, set.path("isoflop_exponent").size());
    assertTrue(set.path("charts").path("frontier").path("raw").path("band").size() > 10);
  }

  @Test
  void chromiumDrawsEveryChart(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    Files.writeString(html, ScaleReportHtml.render(report()));
    String dom = Chromium.dom(html, dir);
    int svgs = dom.split("<svg", -1).length - 1;
    assertTrue(svgs >= 8, "4 charts for each of the 2 evaluation sets, got " + svgs);
    assertTrue(
        dom.indexOf("spend it on curated") < dom.indexOf("id=\"frontier-0\""),
        "the verdict comes first");
  }
}
