package dev.sluice.pipelines.run;

import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.ImageReader;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRejected;
import dev.sluice.quality.image.Pixels;
import dev.sluice.report.RunStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * After an image run: a small PNG thumbnail (a data: URI, at most 64 px a side) for every id the report statistics
 * name (sampled removed rows, the largest perceptual clusters, augmented copies and their originals), so the
 * report can show the images. Kept images come from the shards; removed ones are read again from their source.
 * Only the few named ids are decoded, in the driver, after the pipeline.
 */
final class Thumbnails {
  static final int SIDE = 64;

  private Thumbnails() {}

  static void add(RunStats stats, Path out, ImageInput input) throws IOException {
    Set<String> named = new HashSet<>();
    stats.examples.values().forEach(l -> l.forEach(e -> named.add(e.id())));
    for (RunStats.ClusterExample c : stats.largest) {
      named.add(c.survivorId());
      named.add(c.memberId());
    }
    for (RunStats.AugmentExample a : stats.augmented) {
      named.add(a.copyId());
      named.add(a.original());
    }
    named.remove(null);
    if (named.isEmpty()) return;
    Map<String, byte[]> bytes = new HashMap<>();
    Map<String, String> removedSource = new TreeMap<>();
    scan(
        out.resolve(CurationPipeline.SHARDS),
        r -> {
          String id = r.get("id").toString();
          if (named.contains(id)) bytes.put(id, bytes(r.get("image")));
        });
    scan(
        out.resolve(CurationPipeline.REMOVED),
        r -> {
          String id = r.get("id").toString();
          if (named.contains(id)) removedSource.put(id, r.get("source").toString());
        });
    ImageReader reader = new ImageReader(input);
    Set<String> sources = new HashSet<>(removedSource.values());
    for (String source : sources) {
      reader.read(
          source,
          d -> {
            if (removedSource.containsKey(d.id())) bytes.putIfAbsent(d.id(), d.bytes());
          },
          dead -> {});
    }
    for (Map.Entry<String, byte[]> e : new TreeMap<>(bytes).entrySet()) {
      String uri = uri(e.getKey(), e.getValue());
      if (uri != null) stats.thumbnail(e.getKey(), uri);
    }
  }

  /** The image as a PNG data: URI at most {@link #SIDE} px a side; null when it does not decode. */
  static String uri(String id, byte[] encoded) {
    try {
      Pixels p = ImageDecoder.decode(encoded, id, ImageDecoder.Settings.DEFAULTS).pixels();
      return "data:image/png;base64,"
          + Base64.getEncoder().encodeToString(ImageDecoder.encodePng(shrink(p)));
    } catch (ImageRejected e) {
      return null;
    }
  }

  /**
   * Box-filtered down to at most SIDE px a side (integer arithmetic: the same bytes everywhere). Each output pixel
   * averages an f × f box, cut at the image's edge: a side shorter than f (a 1000 × 10 strip) becomes one pixel.
   */
  static Pixels shrink(Pixels p) {
    int f = (Math.max(p.width(), p.height()) + SIDE - 1) / SIDE;
    if (f <= 1) return p;
    int w = Math.max(1, p.width() / f);
    int h = Math.max(1, p.height() / f);
    int c = p.channels();
    byte[] out = new byte[w * h * c];
    for (int y = 0; y < h; y++) {
      int rows = Math.min(f, p.height() - y * f);
      for (int x = 0; x < w; x++) {
        int cols = Math.min(f, p.width() - x * f), n = rows * cols;
        for (int k = 0; k < c; k++) {
          int sum = 0;
          for (int dy = 0; dy < rows; dy++)
            for (int dx = 0; dx < cols; dx++) sum += p.at(x * f + dx, y * f + dy, k);
          out[(y * w + x) * c + k] = (byte) ((sum + n / 2) / n);
        }
      }
    }
    return new Pixels(w, h, c, out);
  }

  private static byte[] bytes(Object v) {
    ByteBuffer b = ((ByteBuffer) v).duplicate();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  private static void scan(Path folder, java.util.function.Consumer<GenericRecord> row)
      throws IOException {
    if (!Files.isDirectory(folder)) return;
    try (var files = Files.list(folder)) {
      for (Path f :
          files.filter(x -> x.getFileName().toString().startsWith("part-")).sorted().toList()) {
        try (ParquetReader<GenericRecord> r =
            AvroParquetReader.<GenericRecord>builder(
                    new LocalInputFile(f), new PlainParquetConfiguration())
                .build()) {
          GenericRecord g;
          while ((g = r.read()) != null) row.accept(g);
        }
      }
    }
  }
}
