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
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last step before the writers leaves its kept images in its tagged stream, and the count and the shard step
 * read them there; after augmentation (not a tagged step) they go the long way, unpacked and decoded. Augmentation
 * with no copies changes no image, so with it and without it a run must write the same shards.
 */
class ImageWritePathsTest {
  @TempDir Path dir;

  /** Random grey images, three labels; every {@code dupEvery}-th a copy of the one before it (0: none). */
  private static void images(Path in, int files, int dupEvery) throws IOException {
    Random random = new Random(17);
    for (int i = 0; i < files; i++) {
      BufferedImage img = new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 5; y++)
        for (int x = 0; x < 6; x++) img.getRaster().setSample(x, y, 0, random.nextInt(256));
      Path f = in.resolve("class-" + i % 3).resolve(String.format("%05d.png", i));
      Files.createDirectories(f.getParent());
      if (dupEvery > 0 && i % dupEvery == dupEvery - 1)
        Files.copy(in.resolve("class-" + (i - 1) % 3).resolve(String.format("%05d.png", i - 1)), f);
      else ImageIO.write(img, "png", f.toFile());
    }
  }

  /** 2,100 files, so that the reader takes them two at a time; no step after the analysis; no report. */
  @Test
  void imagesWrittenStraightFromTheAnalysisAreTheShardsOfTheLongWay() throws IOException {
    Path in = dir.resolve("in");
    int files = 2_100;
    images(in, files, 0);
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
        ImageRuns.run(noCopies(recipe(in, dir.resolve("long"), null)), dir.resolve("long"));

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

  /** Exact dedup last, then perceptual dedup last, with duplicates removed from the stream's other output. */
  @Test
  void imagesWrittenStraightFromDedupAreTheShardsOfTheLongWay() throws IOException {
    Path in = dir.resolve("in");
    images(in, 120, 10);
    for (Map<String, Object> dedup :
        List.<Map<String, Object>>of(
            Map.of("exact", true), Map.of("exact", true, "perceptual", Map.of()))) {
      String name = dedup.size() == 1 ? "exact" : "perceptual";
      Path straightOut = dir.resolve(name + "-straight"), longOut = dir.resolve(name + "-long");
      RunSummary straight = ImageRuns.run(recipe(in, straightOut, dedup), straightOut);
      RunSummary longWay = ImageRuns.run(noCopies(recipe(in, longOut, dedup)), longOut);
      assertEquals(108, straight.manifest().counts().kept(), name);
      assertEquals(12L, straight.manifest().counts().duplicate().get("exact"), name);
      assertEquals(
          ImageRuns.hashes(longWay.manifest()), ImageRuns.hashes(straight.manifest()), name);
      assertEquals(
          ImageRuns.read(longOut).removedById().keySet(),
          ImageRuns.read(straightOut).removedById().keySet(),
          name);
      // the report's view of the kept images: from the dedup step's light copy, or counted apart
      Map<?, ?> sa =
          ImageRuns.JSON.readValue(straightOut.resolve("stats.json").toFile(), Map.class);
      Map<?, ?> sb = ImageRuns.JSON.readValue(longOut.resolve("stats.json").toFile(), Map.class);
      for (String key : List.of("docsOut", "bytesOut", "signalsOut", "clusterSizes"))
        assertEquals(sb.get(key), sa.get(key), name + " " + key);
      assertEquals(108, ((Number) sa.get("docsOut")).intValue(), name);
    }
  }

  private static Map<String, Object> noCopies(Map<String, Object> recipe) {
    recipe.put(
        "augment", new LinkedHashMap<>(Map.of("image", new LinkedHashMap<>(Map.of("copies", 0)))));
    return recipe;
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
