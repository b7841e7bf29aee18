package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.schemas.Manifest;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image path end to end on the samples' real images: photos, the Tango icons at four sizes, the corrupt
 * files, plus a PNG re-encoded with another compression level (same pixels: an exact duplicate) and a half-size
 * copy of a photo (a perceptual duplicate). Every input is accounted for exactly once, and two runs write
 * byte-identical shards.
 */
class ImageCurationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path SAMPLES =
      Path.of(System.getProperty("sluice.root", "..")).resolve("samples/images");
  @TempDir static Path dir;
  static Path input;
  static RunSummary run;
  static ImageRuns.Outcome outcome;

  @BeforeAll
  static void curate() throws IOException {
    input = dir.resolve("in");
    for (String sub : List.of("icons-tango", "corrupt"))
      copyTree(SAMPLES.resolve(sub), input.resolve(sub));
    Path photos = Files.createDirectories(input.resolve("photos"));
    for (String f : List.of("skimage-coins.png", "skimage-horse.png", "skimage-rocket.jpg"))
      Files.copy(SAMPLES.resolve("photos").resolve(f), photos.resolve(f));
    BufferedImage coins = ImageIO.read(SAMPLES.resolve("photos/skimage-coins.png").toFile());
    png(coins, 0.0f, photos.resolve("coins-recompressed.png"));
    png(half(coins), 0.5f, input.resolve("photos/coins-half.png"));
    // a larger copy: perceptual dedup removes the exact step's survivor in its favour
    png(scaled(coins, 1.25), 0.5f, input.resolve("photos/coins-large.png"));
    run = ImageRuns.run(recipe(input, dir.resolve("out")), dir.resolve("out"));
    outcome = ImageRuns.read(dir.resolve("out"));
  }

  static Map<String, Object> recipe(Path in, Path out) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "photos");
    r.put("input", new LinkedHashMap<>(Map.of("format", "image_folder", "path", in.toString())));
    // threshold 10, as the images quickstart: the Tango artists redrew each icon size, so the
    // default (4, tuned on re-scaled copies) finds few of them (docs/images.md)
    r.put(
        "dedup",
        new LinkedHashMap<>(
            Map.of("exact", true, "perceptual", new HashMap<>(Map.of("threshold", 10)))));
    r.put("output", new LinkedHashMap<>(Map.of("path", out.toString())));
    return r;
  }

  @Test
  void everyFileIsAccountedForExactlyOnce() throws IOException {
    Manifest.Counts c = run.manifest().counts();
    long files;
    try (Stream<Path> s = Files.walk(input)) {
      files = s.filter(Files::isRegularFile).count();
    }
    assertEquals(files, c.input());
    assertTrue(c.balanced(), c.toString());
    assertEquals(c.kept(), outcome.kept().size());
    assertEquals(c.filteredTotal() + c.duplicateTotal(), outcome.removed().size());
    assertEquals(c.dead_letter(), outcome.dead().size());
    Set<String> all = new HashSet<>(outcome.kept().keySet());
    for (Map<String, Object> r : outcome.removed())
      assertTrue(all.add((String) r.get("id")), "twice: " + r);
    assertEquals(c.input() - c.dead_letter(), all.size());
    assertEquals(List.of("exact", "perceptual"), List.copyOf(c.duplicate().keySet()));
  }

  @Test
  void everyCorruptFileIsADeadLetterWithItsReason() {
    Map<String, String> reasons = new HashMap<>();
    for (Map<String, Object> d : outcome.dead()) {
      assertEquals("decode", d.get("stage"));
      reasons.put(
          Path.of((String) d.get("source")).getFileName().toString(), (String) d.get("reason"));
    }
    assertEquals(
        Map.of(
            "empty.jpg", "empty_file",
            "not-an-image.png", "not_an_image",
            "truncated.jpg", "truncated_image"),
        reasons);
  }

  @Test
  void aReEncodedPngIsAnExactDuplicate() {
    // the keep policy's default (length_desc, id_asc): same size, so the smaller id survives exact
    // dedup; perceptual dedup then removes that survivor for the larger copy, and the exact
    // duplicate points at the image that was kept, not at the removed one (it did)
    Map<String, Object> r = outcome.removedById().get("photos/skimage-coins.png");
    assertEquals("exact", r.get("reason"));
    assertEquals("photos/coins-large.png", r.get("duplicate_of"));
    Map<String, Object> survivor = outcome.removedById().get("photos/coins-recompressed.png");
    assertEquals("perceptual", survivor.get("reason"));
    assertEquals("photos/coins-large.png", survivor.get("duplicate_of"));
  }

  @Test
  void aSmallerCopyIsAPerceptualDuplicateOfTheLargerImage() {
    Map<String, Object> r = outcome.removedById().get("photos/coins-half.png");
    assertEquals("perceptual", r.get("reason"));
    assertEquals("photos/coins-large.png", r.get("duplicate_of"));
    Map<String, Object> kept = outcome.kept().get("photos/coins-large.png");
    assertTrue((Integer) kept.get("cluster_size") >= 3, kept.toString());
  }

  @Test
  void theColumnsWrittenWithoutADictionaryAreDistinctAmongTheKeptImages() {
    // exact + perceptual dedup of an image_folder with real duplicates: every column the writer
    // treats as distinct holds one value per kept image
    List<String> columns =
        ImagePipeline.distinctColumns(ImageRecipe.from(recipe(input, dir.resolve("out"))));
    assertEquals(List.of("id", "cluster_id", "source", "pixel_sha256"), columns);
    assertTrue(outcome.kept().size() > 10);
    for (String c : columns) {
      Set<Object> seen = new HashSet<>();
      for (Map<String, Object> row : outcome.kept().values())
        assertTrue(seen.add(String.valueOf(row.get(c))), c + " repeats: " + row.get(c));
    }
  }

  @Test
  void everyDuplicatePointsAtAKeptImage() {
    for (Map<String, Object> r : outcome.removed()) {
      if (r.get("duplicate_of") == null) continue;
      assertTrue(outcome.kept().containsKey((String) r.get("duplicate_of")), r.toString());
    }
  }

  @Test
  void iconSizeVariantsArePerceptualDuplicatesOfALargerCopy() {
    // the same Tango icon at 16, 22, 24 and 32 px: a removed variant points at the same icon, never
    // a smaller one
    int same = 0;
    List<String> others = new ArrayList<>();
    for (Map<String, Object> r : outcome.removed()) {
      String id = (String) r.get("id");
      if (!id.startsWith("icons-tango/") || !"perceptual".equals(r.get("reason"))) continue;
      String survivor = (String) r.get("duplicate_of");
      if (name(id).equals(name(survivor))) {
        same++;
        assertTrue(size(survivor) >= size(id), id + " kept " + survivor);
      } else {
        others.add(id + " -> " + survivor);
      }
    }
    assertTrue(same >= 60, "only " + same + " icon variants found; other merges: " + others);
    // different icons that pHash finds near-identical (folder, folder-remote, user-home: one folder
    // with a small emblem) merge too; they stay a small share
    assertTrue(others.size() <= same / 4, "merges of different icons: " + others);
  }

  static String name(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }

  static int size(String id) {
    String s = id.split("/")[1];
    return Integer.parseInt(s.substring(0, s.indexOf('x')));
  }

  @Test
  void keptRowsCarryLabelsAndTheInputBytes() throws IOException {
    Map<String, Object> rocket = outcome.kept().get("photos/skimage-rocket.jpg");
    assertEquals("photos", rocket.get("label"));
    assertEquals("jpeg", rocket.get("format"));
    assertTrue(
        java.util.Arrays.equals(
            Files.readAllBytes(SAMPLES.resolve("photos/skimage-rocket.jpg")),
            (byte[]) rocket.get("image")));
  }

  @Test
  void statsForTheReportHoldSignalHistogramsClustersAndThumbnails() throws IOException {
    Map<?, ?> stats = JSON.readValue(dir.resolve("out/stats.json").toFile(), Map.class);
    Map<?, ?> out = (Map<?, ?>) stats.get("signalsOut");
    assertTrue(
        out.keySet().containsAll(List.of("image.blur", "image.width", "image.entropy")),
        out.keySet().toString());
    List<?> largest = (List<?>) stats.get("largest");
    assertFalse(largest.isEmpty());
    Map<?, ?> thumbs = (Map<?, ?>) stats.get("thumbnails");
    String survivor = (String) ((Map<?, ?>) largest.get(0)).get("survivorId");
    String member = (String) ((Map<?, ?>) largest.get(0)).get("memberId");
    assertTrue(
        ((String) thumbs.get(survivor)).startsWith("data:image/png;base64,"),
        thumbs.keySet().toString());
    assertTrue(
        thumbs.containsKey(member), "a removed member's thumbnail, read again from its file");
  }

  @Test
  void theReportShowsTheImagesThemselvesInOneSmallOfflineFile() throws IOException {
    Path html = dir.resolve("out/report.html");
    String page = Files.readString(html);
    assertTrue(Files.size(html) < 2_000_000, "the report is " + Files.size(html) + " bytes");
    assertTrue(page.contains("<img class=\"thumb\""), "inline thumbnails");
    assertTrue(page.contains("perceptual"), "the perceptual duplicates are named");
    assertTrue(page.contains("image.blur"), "a histogram per image signal");
    assertFalse(page.contains("Language mix"), "no text-only sections");
    assertFalse(page.contains("src=\"http"), "nothing fetched from the network");
    String card = Files.readString(dir.resolve("out/README.md"));
    assertTrue(card.contains("path: shards/*.parquet"), "the card's default config is the shards");
    assertTrue(card.contains("input images kept"), card);
    Map<?, ?> report = JSON.readValue(dir.resolve("out/report.json").toFile(), Map.class);
    assertEquals(
        run.manifest().counts().input(),
        ((Number) ((Map<?, ?>) report.get("counts")).get("input")).longValue());
  }

  @Test
  void twoRunsWriteByteIdenticalShards() throws IOException {
    Path again = dir.resolve("again");
    RunSummary second = ImageRuns.run(recipe(input, again), again);
    assertEquals(ImageRuns.hashes(run.manifest()), ImageRuns.hashes(second.manifest()));
  }

  @Test
  void textOnlyKeysAreRecipeErrors() {
    Map<String, Object> r = recipe(input, dir.resolve("x"));
    r.put("language", Map.of("keep", List.of("en")));
    ImageRuns.assertRecipeError(r, "language");
    r = recipe(input, dir.resolve("x"));
    r.put("dedup", new LinkedHashMap<>(Map.of("near", Map.of())));
    ImageRuns.assertRecipeError(r, "dedup.near");
    r = recipe(input, dir.resolve("x"));
    r.put("quality", Map.of("rules", List.of("c4")));
    ImageRuns.assertRecipeError(r, "quality.rules");
    r = recipe(input, dir.resolve("x"));
    ((Map<String, Object>) r.get("input")).put("label", "grandparent");
    ImageRuns.assertRecipeError(r, "input.label");
    assertTrue(ImageRecipe.isImage(recipe(input, dir)));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  static BufferedImage half(BufferedImage src) {
    return scaled(src, 0.5);
  }

  static BufferedImage scaled(BufferedImage src, double f) {
    BufferedImage out =
        new BufferedImage(
            (int) (src.getWidth() * f), (int) (src.getHeight() * f), BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  /** Writes a PNG with the given compression quality (0: most compression, 1: none). */
  static void png(BufferedImage img, float quality, Path file) throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam p = w.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(quality);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
  }
}
