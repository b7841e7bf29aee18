package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.pipelines.recipe.ImageRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which shard columns a recipe makes distinct row by row, so the writer skips their dictionary. */
class ImagePipelineTest {
  @TempDir Path dir;

  private ImageRecipe recipe(String format, Path path, Object dedup, Object augment) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "r");
    m.put("input", Map.of("format", format, "path", path.toString()));
    if (dedup != null) m.put("dedup", dedup);
    if (augment != null) m.put("augment", augment);
    m.put("output", Map.of("path", dir.resolve("out").toString()));
    return ImageRecipe.from(m);
  }

  @Test
  void distinctColumnsFollowTheInputTheDedupAndTheAugmentation() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("pics"));
    Path tar = Files.write(dir.resolve("a.tar"), new byte[0]);
    Map<String, Object> exact = Map.of("exact", true, "perceptual", Map.of());
    assertEquals(
        List.of("id", "cluster_id", "source"),
        ImagePipeline.distinctColumns(recipe("image_folder", folder, null, null)));
    assertEquals(
        List.of("id", "cluster_id", "source", "pixel_sha256"),
        ImagePipeline.distinctColumns(recipe("image_folder", folder, exact, null)));
    assertEquals(
        List.of("id", "cluster_id", "source"),
        ImagePipeline.distinctColumns(
            recipe("image_folder", folder, Map.of("exact", false, "perceptual", Map.of()), null)),
        "without exact dedup two images may have the same pixels");
    assertEquals(
        List.of("id", "cluster_id", "pixel_sha256"),
        ImagePipeline.distinctColumns(recipe("webdataset", tar, exact, null)),
        "a tar's images share its source");
    assertEquals(
        List.of("id"),
        ImagePipeline.distinctColumns(
            recipe("image_folder", folder, exact, Map.of("image", Map.of("copies", 2)))),
        "a copy shares its original's source and cluster");
  }
}
