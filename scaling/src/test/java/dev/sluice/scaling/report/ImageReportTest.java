package dev.sluice.scaling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scaling.analysis.ImageAnalysis;
import dev.sluice.scaling.run.ImagePointResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image report from runs drawn from known curves (RandAugment planted at 2× the data): the headline comes
 * first, the JSON carries the multipliers with their ranges, and headless Chromium draws the chart without a
 * console error.
 */
class ImageReportTest {
  static ObjectNode report() {
    Random rnd = new Random(5);
    List<ImagePointResult> points = new ArrayList<>();
    for (String arm : List.of("none", "randaugment")) {
      for (int w : new int[] {8, 16}) {
        for (double f : new double[] {1 / 16.0, 1 / 8.0, 1 / 4.0, 1 / 2.0, 1}) {
          for (long seed = 1; seed <= 2; seed++) {
            long n = Math.round(f * 54_000);
            double k = arm.equals("none") ? 1 : 2;
            double err =
                (0.06 + 0.4 / w + 3 * Math.pow(k * n, -0.45)) * (1 + 0.01 * rnd.nextGaussian());
            String id = arm + "/w" + w + "/f" + f + "/s" + seed;
            points.add(
                new ImagePointResult(
                    id,
                    arm,
                    w,
                    f,
                    seed,
                    w * w * 100L,
                    60_000,
                    n,
                    1e12,
                    0.4,
                    0.85,
                    0.86,
                    0.4,
                    1 - err,
                    10,
                    1000,
                    "cpu",
                    "out/" + id,
                    "sha"));
          }
        }
      }
    }
    List<ImageAnalysis.Run> runs =
        points.stream()
            .map(
                p ->
                    new ImageAnalysis.Run(
                        p.arm(),
                        p.width(),
                        p.fraction(),
                        p.seed(),
                        p.trainImages(),
                        p.error(),
                        p.params()))
            .toList();
    ImageAnalysis.Result a =
        ImageAnalysis.analyse(runs, "none", Map.of("randaugment", "RandAugment"), 200, 0);
    return ImageReport.json("synthetic", Map.of("kind", "images"), points, a);
  }

  @Test
  void jsonHasTheHeadlineTheMultipliersAndTheCurves() {
    ObjectNode r = report();
    assertTrue(
        r.path("verdict").get(0).asText().startsWith("RandAugment is worth"),
        r.path("verdict").toString());
    assertEquals(2, r.path("multipliers").size());
    JsonNode at = r.path("multipliers").get(0).path("at");
    assertEquals(5, at.size());
    assertEquals("within", at.get(1).path("range").asText());
    assertEquals("above", at.get(4).path("range").asText());
    assertTrue(
        at.get(1).path("multiplier").path("ci_low").asDouble() < 2
            && at.get(1).path("multiplier").path("ci_high").asDouble() > 2,
        at.get(1).toString());
    assertEquals(4, r.path("curves").size());
    assertEquals("power law", r.path("curves").get(0).path("method").asText());
    assertEquals(31, r.path("curves").get(0).path("fit").size());
    assertEquals(1, r.path("vs_wider").size());
    assertTrue(r.path("error").asText().startsWith("test error"));
  }

  @Test
  void chromiumDrawsTheChart(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    Files.writeString(html, ImageReport.html(report()));
    String dom = Chromium.dom(html, dir);
    assertTrue(dom.split("<svg", -1).length - 1 >= 1, "the chart is drawn");
    assertTrue(
        dom.indexOf("RandAugment is worth") < dom.indexOf("id=\"curves\""),
        "the verdict comes first");
  }
}
