package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.schemas.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image writer gives parquet-avro's files byte for byte, on rows with and without every optional part. */
class ImageWriteSupportTest {
  @TempDir Path dir;

  /** The signals Image.avsc requires (jpeg_quality, optional, is left to each row). */
  static final List<String> SIGNALS =
      Schemas.IMAGE.getField("signals").schema().getFields().stream()
          .filter(f -> f.schema().getType() != org.apache.avro.Schema.Type.UNION)
          .map(f -> f.name())
          .toList();

  /** Rows with every optional field present or absent, lists of 0-3 ops, and values of every size. */
  private static List<ImageDoc> rows(int n, long seed) {
    Random r = new Random(seed);
    List<ImageDoc> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TreeMap<String, Double> signals = new TreeMap<>();
      for (String s : SIGNALS)
        signals.put(
            s,
            switch (r.nextInt(8)) {
              case 0 -> Double.NaN;
              case 1 -> Double.NEGATIVE_INFINITY;
              case 2 -> -0.0;
              case 3 -> 1.0;
              default -> r.nextDouble() * 100;
            });
      if (r.nextBoolean()) signals.put("jpeg_quality", (double) r.nextInt(101));
      List<String> ops = new ArrayList<>();
      for (int k = r.nextInt(4); k > 0; k--)
        ops.add(List.of("flip", "rotate:12", "é", "", "\ud83d\ude00").get(r.nextInt(5)));
      byte[] bytes = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(5_000)];
      r.nextBytes(bytes);
      String id = String.format("c%d/%06d.png", i % 3, i);
      out.add(
          new ImageDoc(
              id,
              r.nextInt(5) == 0 ? null : "class " + (i % 4) + (i % 7 == 0 ? " \ud83d\udc55" : ""),
              "/in/" + id,
              r.nextBoolean() ? "file" : "member " + i,
              i,
              bytes,
              r.nextBoolean() ? "png" : "jpeg",
              1 + r.nextInt(2_000),
              1 + r.nextInt(2_000),
              1 + r.nextInt(3),
              List.of("png", "jpeg", "gif", "webp").get(r.nextInt(4)),
              r.nextLong() & Long.MAX_VALUE,
              signals,
              String.format("%064x", r.nextInt(50)),
              r.nextLong(),
              r.nextLong(),
              r.nextInt(3),
              r.nextBoolean() ? id : "c0/000000.png",
              1 + r.nextInt(3),
              ops.isEmpty() ? null : "c0/000001.png",
              ops));
    }
    return out;
  }

  @Test
  void writesTheSameFilesAsParquetAvro() throws Exception {
    List<List<String>> settings =
        List.of(List.of(), List.of("id"), List.of("id", "cluster_id", "source", "pixel_sha256"));
    for (int n : new int[] {0, 1, 2_500, 25_000}) {
      List<ImageDoc> rows = rows(n, n);
      for (List<String> distinct : settings) {
        Path avro = dir.resolve("avro-" + n + ".parquet");
        Path direct = dir.resolve("direct-" + n + ".parquet");
        ParquetSinks.imagesViaAvro("zstd", distinct).write(rows.iterator(), avro);
        ParquetSinks.images("zstd", distinct).write(rows.iterator(), direct);
        assertArrayEquals(
            Files.readAllBytes(avro), Files.readAllBytes(direct), n + " rows, " + distinct);
        Files.delete(avro);
        Files.delete(direct);
      }
    }
  }

  @Test
  void avroReadersReadItsRowsBack() throws Exception {
    List<ImageDoc> rows = rows(50, 3);
    Path file = dir.resolve("part.parquet");
    ParquetSinks.images("zstd").write(rows.iterator(), file);
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file), ParquetSinks.conf())
            .build()) {
      for (ImageDoc d : rows) {
        GenericRecord g = r.read();
        assertEquals(d.id(), g.get("id").toString());
        assertEquals(
            d.augmentOps(),
            ((List<?>) g.get("augment_ops")).stream().map(Object::toString).toList());
        assertEquals(
            d.signals().get("jpeg_quality"),
            ((GenericRecord) g.get("signals")).get("jpeg_quality"));
      }
    }
  }

  @Test
  void imageShardsRefuseInputFieldsRatherThanDropThem() {
    FieldTypes seen = new FieldTypes();
    seen.observe("caption", "string");
    InputColumns columns = InputColumns.resolve(seen, null, InputColumns.reserved());
    assertThrows(
        UnsupportedOperationException.class,
        () ->
            ParquetSinks.images("zstd")
                .write(rows(1, 1).iterator(), dir.resolve("fields.parquet"), columns));
  }

  @Test
  void aMissingRequiredSignalIsAClearError() {
    ImageDoc d = rows(1, 9).get(0);
    Map<String, Double> fewer = new TreeMap<>(d.signals());
    fewer.remove("blur");
    assertEquals(
        "image " + d.id() + " has no signal blur",
        writeFails(reanalysed(d, fewer, d.pixelSha256())).getMessage());
  }

  @Test
  void aNullRequiredColumnIsAClearErrorNamingTheImage() {
    ImageDoc d = rows(1, 11).get(0);
    assertEquals(
        "image " + d.id() + " has no pixel_sha256 (a required column)",
        writeFails(reanalysed(d, d.signals(), null)).getMessage());
  }

  /** d as analysis would give it with these signals and pixel hash. */
  private static ImageDoc reanalysed(ImageDoc d, Map<String, Double> signals, String sha) {
    return d.analysed(
        d.bytes(),
        d.format(),
        d.width(),
        d.height(),
        d.channels(),
        d.sourceFormat(),
        signals,
        sha,
        d.phash(),
        d.dhash());
  }

  private IllegalStateException writeFails(ImageDoc d) {
    return assertThrows(
        IllegalStateException.class,
        () -> ParquetSinks.images("zstd").write(List.of(d).iterator(), dir.resolve("bad.parquet")));
  }
}
