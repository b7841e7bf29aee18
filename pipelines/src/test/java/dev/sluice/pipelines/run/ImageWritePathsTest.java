package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.recipe.ImageRecipe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with no step after the analysis writes the kept images straight from the analysis' stream, read in
 * batches of files, without the duplicate-id check (a folder's ids are its paths); with exact dedup they go the
 * long way (unpacked, decoded, the check on). On a folder without duplicates both must write the same shards:
 * 2,100 files, so that the reader takes them two at a time.
 */
class ImageWritePathsTest {
  @TempDir Path dir;

  @Test
  void imagesWrittenStraightFromTheAnalysisAreTheShardsOfTheLongWay() throws IOException {
    Path in = dir.resolve("in");
    Random random = new Random(17);
    int files = 2_100;
    for (int i = 0; i < files; i++) {
      BufferedImage img = new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 5; y++)
        for (int x = 0; x < 6; x++) img.getRaster().setSample(x, y, 0, random.nextInt(256));
      Path f = in.resolve("class-" + i % 3).resolve(String.format("%05d.png", i));
      Files.createDirectories(f.getParent());
      ImageIO.write(img, "png", f.toFile());
    }
    // without a report, the straight way does not even decode the images it counts
    ImageRecipe plain = ImageRecipe.from(recipe(in, dir.resolve("straight"), null));
    RunSummary straight =
        ImageCuration.run(
            plain,
            ImageCuration.files(plain),
            dir.resolve("straight"),
            "embedded",
            Runners.options("embedded", null, 2),
            false);
    RunSummary longWay =
        ImageRuns.run(recipe(in, dir.resolve("long"), Map.of("exact", true)), dir.resolve("long"));

    assertEquals(files, straight.manifest().counts().kept());
    assertEquals(files, longWay.manifest().counts().kept());
    assertTrue(straight.manifest().shards().size() > 1, "several shards");
    assertEquals(ImageRuns.hashes(longWay.manifest()), ImageRuns.hashes(straight.manifest()));
    ImageRuns.Outcome out = ImageRuns.read(dir.resolve("straight"));
    assertEquals(files, out.kept().size());
    Map<String, Object> row = out.kept().get("class-1/00004.png");
    assertEquals("class-1", row.get("label"));
    assertArrayEquals(
        Files.readAllBytes(in.resolve("class-1/00004.png")), (byte[]) row.get("image"));
  }

  private static Map<String, Object> recipe(Path in, Path out, Map<String, Object> dedup) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "paths");
    r.put("input", new LinkedHashMap<>(Map.of("format", "image_folder", "path", in.toString())));
    if (dedup != null) r.put("dedup", new LinkedHashMap<>(dedup));
    r.put("output", new LinkedHashMap<>(Map.of("path", out.toString(), "shard_rows", 500)));
    return r;
  }
}
