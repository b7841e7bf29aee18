package dev.sluice.scaling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scaling.run.FakeSluice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice scale} on a {@code kind: images} file, end to end with a stand-in trainer whose augmentation is
 * worth exactly 2× the data: the report says so with an interval that covers 2, --fit-only trains nothing, and a
 * bad file exits 2.
 */
class ImageScaleTest {
  @Test
  void anImageExperimentTrainsFitsAndReportsTheDataMultiplier(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cnn.yaml"), "name: cnn\ntask: image_classification\n");
    Files.writeString(dir.resolve("fashion.yaml"), "name: fashion\n");
    Path file = dir.resolve("images.yaml");
    Files.writeString(
        file,
        String.format(
            """
            kind: images
            name: e2e
            output: %s
            recipe: %s
            data: {recipe: %s}
            arms: [{policy: none}, {policy: randaugment, n: 2, m: 9}]
            grid: {fractions: [1/16, 1/8, 1/4, 1/2, 1], widths: [8, 16], seeds: [1, 2]}
            fit: {resamples: 200}
            """,
            dir.resolve("out"), dir.resolve("cnn.yaml"), dir.resolve("fashion.yaml")));
    String before = System.getProperty("sluice.launcher");
    System.setProperty("sluice.launcher", FakeSluice.write(dir).toString());
    try {
      assertEquals(0, ScalingMain.execute("scale", file.toString()));
      assertEquals(40, FakeSluice.calls(dir, "train"));
      JsonNode r = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
      assertEquals("images", r.path("kind").asText());
      assertTrue(
          r.path("verdict").get(0).asText().startsWith("RandAugment is worth"),
          r.path("verdict").toString());
      JsonNode at = r.path("multipliers").get(1).path("at").get(2); // width 16, n = 1,500
      assertEquals(1500, at.path("n").asDouble(), 1);
      assertEquals("within", at.path("range").asText());
      JsonNode m = at.path("multiplier");
      assertTrue(
          m.path("ci_low").asDouble() <= 2 && 2 <= m.path("ci_high").asDouble(), m.toString());
      String html = Files.readString(dir.resolve("out/report.html"));
      assertTrue(html.contains("What each augmentation is worth in real images"));
      assertTrue(html.contains("echarts"));
      assertEquals(0, ScalingMain.execute("scale", file.toString(), "--fit-only"));
      assertEquals(40, FakeSluice.calls(dir, "train"), "--fit-only trains nothing");
      assertEquals(2, ScalingMain.execute("scale", file.toString(), "--set", "grid.widths=[0]"));
    } finally {
      if (before == null) System.clearProperty("sluice.launcher");
      else System.setProperty("sluice.launcher", before);
    }
  }
}
