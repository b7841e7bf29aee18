package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebDataset shards through the whole pipeline with offline augmentation: a sample without an image and a
 * truncated shard are dead letters, so is a PNG member named .jpg, every copy is counted, and the accounting and the bytes hold on a second run.
 */
class ImageFormatsRunTest {
  static final Path FASHION =
      Path.of(System.getProperty("sluice.root", "..")).resolve("samples/images/fashion-mnist-1k");
  @TempDir Path dir;

  Path shards() throws IOException {
    Path in = Files.createDirectories(dir.resolve("wds"));
    List<Path> files;
    try (Stream<Path> s = Files.walk(FASHION)) {
      files = s.filter(Files::isRegularFile).sorted().limit(30).toList();
    }
    for (int shard = 0; shard < 2; shard++) {
      Path tar = in.resolve(String.format("shard-%05d.tar", shard));
      try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
        for (int i = shard * 15; i < shard * 15 + 15; i++) {
          String key = "s" + i;
          Path f = files.get(i);
          // s5's PNG is named .jpg: a wrong_extension dead letter, as a file would be
          put(t, key + (i == 5 ? ".jpg" : ".png"), Files.readAllBytes(f));
          put(
              t,
              key + ".cls",
              f.getParent().getFileName().toString().getBytes(StandardCharsets.UTF_8));
        }
        put(t, "lonely.json", "{\"label\": 1}".getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = Files.readAllBytes(in.resolve("shard-00001.tar"));
    Files.write(in.resolve("shard-00002.tar"), Arrays.copyOf(whole, whole.length / 2));
    return in;
  }

  static void put(TarArchiveOutputStream t, String name, byte[] b) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(b.length);
    t.putArchiveEntry(e);
    t.write(b);
    t.closeArchiveEntry();
  }

  Map<String, Object> recipe(Path in, Path out) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "wds");
    r.put("seed", 7);
    r.put("input", new LinkedHashMap<>(Map.of("format", "webdataset", "path", in + "/*.tar")));
    r.put("dedup", new LinkedHashMap<>(Map.of("exact", true)));
    r.put("augment", Map.of("image", Map.of("copies", 2, "policy", "trivialaugment")));
    r.put("output", new LinkedHashMap<>(Map.of("path", out.toString())));
    return r;
  }

  @Test
  void webDatasetWithAugmentationAddsUpAndRepeats() throws IOException {
    Path in = shards();
    RunSummary run = ImageRuns.run(recipe(in, dir.resolve("out")), dir.resolve("out"));
    Manifest.Counts c = run.manifest().counts();
    assertTrue(c.balanced(), c.toString());
    ImageRuns.Outcome o = ImageRuns.read(dir.resolve("out"));
    // 2 whole shards of 15 + the lonely member each, the truncated copy of shard 1 (its first
    // samples are read, then one read.truncated_file dead letter); the copies of shard 1's samples
    // there are duplicate ids
    assertEquals(c.dead_letter(), o.dead().size());
    long noImage = o.dead().stream().filter(d -> "no_image".equals(d.get("reason"))).count();
    assertEquals(2, noImage);
    assertEquals(
        1,
        o.dead().stream().filter(d -> "truncated_file".equals(d.get("reason"))).count(),
        o.dead().toString());
    List<Map<String, Object>> wrong =
        o.dead().stream().filter(d -> "wrong_extension".equals(d.get("reason"))).toList();
    assertEquals(1, wrong.size(), o.dead().toString());
    assertEquals("member s5.jpg", wrong.get(0).get("location"));
    long dupIds = o.dead().stream().filter(d -> "duplicate_id".equals(d.get("reason"))).count();
    assertTrue(dupIds > 0);
    long originals =
        o.kept().values().stream().filter(k -> k.get("augmented_from") == null).count();
    assertEquals(29, originals);
    assertEquals(c.kept() - originals, c.augmented());
    assertTrue(c.augmented() > 0);
    Map<String, Object> copy = o.kept().get("s3#aug1");
    if (copy == null) copy = o.kept().get("s3#aug2");
    assertNotNull(copy, o.kept().keySet().toString());
    assertEquals("s3", copy.get("augmented_from"));
    assertEquals("png", copy.get("format"));
    assertEquals(o.kept().get("s3").get("label"), copy.get("label"));
    assertTrue(!((List<?>) copy.get("augment_ops")).isEmpty());
    assertNotNull(run.manifest().augment());
    // no copy repeats its original's pixels or another copy's (identity, rotate:0 and the like
    // leave an image as it was): those are counted, not written
    Map<String, Long> pixelsPerOriginal = new java.util.HashMap<>();
    for (Map<String, Object> k : o.kept().values()) {
      Object from = k.get("augmented_from");
      String key = (from == null ? k.get("id") : from) + " " + k.get("pixel_sha256");
      pixelsPerOriginal.merge(key, 1L, Long::sum);
    }
    assertTrue(pixelsPerOriginal.values().stream().allMatch(n -> n == 1), "a repeated copy");
    long skipped =
        run.manifest().augment().getOrDefault("copy_unchanged", 0L)
            + run.manifest().augment().getOrDefault("copy_repeated", 0L);
    assertEquals(2 * originals, c.augmented() + skipped, run.manifest().augment().toString());

    RunSummary again = ImageRuns.run(recipe(in, dir.resolve("again")), dir.resolve("again"));
    assertEquals(ImageRuns.hashes(run.manifest()), ImageRuns.hashes(again.manifest()));
    assertEquals(run.manifest().counts(), again.manifest().counts());
  }

  /**
   * With no step after the analysis, the reader's dead letters and its count of records read go on in the
   * analysis' stream (it is the reader's only consumer), and the light copy that unpacks the analysis' small
   * outputs also counts and observes the kept images: the run directory is the one of the long way (augmentation
   * with no copies, after which the images are unpacked and counted apart).
   */
  @Test
  void theReadersDeadLettersAndTheKeptImagesTakeTheStreamAsTheyTakeTheLongWay() throws IOException {
    Path in = shards();
    Map<String, Object> straight = recipe(in, dir.resolve("straight"));
    straight.remove("dedup");
    straight.remove("augment");
    Map<String, Object> longWay = recipe(in, dir.resolve("long"));
    longWay.remove("dedup");
    longWay.put("augment", Map.of("image", Map.of("copies", 0)));
    RunSummary a = ImageRuns.run(straight, dir.resolve("straight"));
    RunSummary b = ImageRuns.run(longWay, dir.resolve("long"));

    Manifest.Counts c = a.manifest().counts();
    assertTrue(c.balanced(), c.toString());
    assertEquals(b.manifest().counts(), c);
    // read: 15 + 15 samples in the whole shards, 7 before the cut in the truncated copy, two lonely
    // members (no_image) and the cut itself (truncated_file); s5 fails to decode (wrong_extension)
    // and
    // the 7 copies are duplicate ids
    assertEquals(40, c.input(), c.toString());
    assertEquals(29, c.kept(), c.toString());
    assertEquals(11, c.dead_letter(), c.toString());
    ImageRuns.Outcome oa = ImageRuns.read(dir.resolve("straight"));
    ImageRuns.Outcome ob = ImageRuns.read(dir.resolve("long"));
    assertEquals(ob.dead(), oa.dead());
    Map<String, Long> reasons = new java.util.TreeMap<>();
    for (Map<String, Object> d : oa.dead()) reasons.merge((String) d.get("reason"), 1L, Long::sum);
    assertEquals(
        Map.of("duplicate_id", 7L, "no_image", 2L, "truncated_file", 1L, "wrong_extension", 1L),
        reasons);
    assertEquals(ImageRuns.hashes(b.manifest()), ImageRuns.hashes(a.manifest()));

    Map<?, ?> sa = ImageRuns.JSON.readValue(dir.resolve("straight/stats.json").toFile(), Map.class);
    Map<?, ?> sb = ImageRuns.JSON.readValue(dir.resolve("long/stats.json").toFile(), Map.class);
    for (String key :
        List.of("docsIn", "bytesIn", "docsOut", "bytesOut", "signalsIn", "signalsOut"))
      assertEquals(sb.get(key), sa.get(key), key);
    assertEquals(((Number) sa.get("docsOut")).longValue(), c.kept());
  }

  @Test
  void aFailedRuleIsCountedAndRemovedWithItsValue() throws IOException {
    Path in = Files.createDirectories(dir.resolve("small/0-t-shirt"));
    try (Stream<Path> s = Files.list(FASHION.resolve("0-t-shirt"))) {
      for (Path f : s.sorted().limit(5).toList()) Files.copy(f, in.resolve(f.getFileName()));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "rules");
    r.put(
        "input",
        new LinkedHashMap<>(Map.of("format", "image_folder", "path", in.getParent().toString())));
    r.put("quality", Map.of("image", Map.of("min_width", 29)));
    r.put("output", new LinkedHashMap<>(Map.of("path", dir.resolve("rules").toString())));
    RunSummary run = ImageRuns.run(r, dir.resolve("rules"));
    assertEquals(Map.of("image.min_width", 5L), run.manifest().counts().filtered());
    ImageRuns.Outcome o = ImageRuns.read(dir.resolve("rules"));
    assertEquals(5, o.removed().size());
    Map<String, Object> row = o.removed().get(0);
    assertEquals("quality", row.get("stage"));
    assertEquals("image.min_width", row.get("reason"));
    assertEquals(28.0, row.get("score"));
    assertTrue(((String) row.get("id")).startsWith("0-t-shirt/"));
  }

  @Test
  void aReservedIdLeavesBeforeDedupSoNoDuplicatePointsAtIt() throws IOException {
    // x/0.png#aug1 would survive exact dedup over x/1.png (same pixels, so the id decides): were it
    // dead-lettered only at augmentation, x/1.png's removed row would name an id that is not kept
    Path in = Files.createDirectories(dir.resolve("reserved/x"));
    List<Path> sources;
    try (Stream<Path> s = Files.list(FASHION.resolve("0-t-shirt"))) {
      sources = s.sorted().limit(2).toList();
    }
    Files.copy(sources.get(0), in.resolve("0.png#aug1"));
    Files.copy(sources.get(0), in.resolve("1.png"));
    Files.copy(sources.get(1), in.resolve("2.png"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "reserved");
    r.put(
        "input",
        new LinkedHashMap<>(Map.of("format", "image_folder", "path", in.getParent().toString())));
    r.put("dedup", Map.of("exact", true));
    r.put("augment", Map.of("image", Map.of("copies", 1)));
    r.put("output", new LinkedHashMap<>(Map.of("path", dir.resolve("res").toString())));
    Manifest m = ImageRuns.run(r, dir.resolve("res")).manifest();
    assertEquals(Map.of("augment.reserved_id", 1L), m.dead_letter_reasons());
    assertEquals(0, m.counts().duplicateTotal(), m.counts().toString());
    assertTrue(m.counts().balanced(), m.counts().toString());
    ImageRuns.Outcome o = ImageRuns.read(dir.resolve("res"));
    assertEquals(
        List.of("x/1.png", "x/2.png"),
        o.kept().values().stream()
            .filter(k -> k.get("augmented_from") == null)
            .map(k -> (String) k.get("id"))
            .sorted()
            .toList());
    Map<String, Object> dead = o.dead().get(0);
    assertTrue(((String) dead.get("source")).endsWith("0.png#aug1"), dead.toString());
    assertTrue(!String.valueOf(dead.get("raw")).isEmpty(), "the dead letter keeps the raw bytes");
  }

  @Test
  void copiesAreMadeOfImagesKeptAsPngUnderAnotherName() throws IOException {
    // a BMP and a GIF are kept as PNG bytes under their own names: augmentation must decode those
    // bytes without the extension check (it once failed the whole run with wrong_extension)
    Path in = Files.createDirectories(dir.resolve("formats/0-t-shirt"));
    List<Path> sources;
    try (Stream<Path> s = Files.list(FASHION.resolve("0-t-shirt"))) {
      sources = s.sorted().limit(2).toList();
    }
    String[] formats = {"bmp", "gif"};
    for (int i = 0; i < formats.length; i++) {
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(sources.get(i).toFile());
      assertTrue(
          javax.imageio.ImageIO.write(
              img, formats[i], in.resolve("x" + i + "." + formats[i]).toFile()));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", "formats");
    r.put("seed", 3);
    r.put(
        "input",
        new LinkedHashMap<>(Map.of("format", "image_folder", "path", in.getParent().toString())));
    r.put("augment", Map.of("image", Map.of("copies", 2, "policy", "trivialaugment")));
    r.put("output", new LinkedHashMap<>(Map.of("path", dir.resolve("fmt").toString())));
    RunSummary run = ImageRuns.run(r, dir.resolve("fmt"));
    Manifest.Counts c = run.manifest().counts();
    assertTrue(c.balanced(), c.toString());
    assertEquals(0, c.dead_letter(), c.toString());
    ImageRuns.Outcome o = ImageRuns.read(dir.resolve("fmt"));
    assertEquals("png", o.kept().get("0-t-shirt/x0.bmp").get("format"));
    assertTrue(c.augmented() > 0, c.toString());
    assertTrue(
        o.kept().values().stream()
            .anyMatch(k -> "0-t-shirt/x1.gif".equals(k.get("augmented_from"))),
        o.kept().keySet().toString());
  }
}
