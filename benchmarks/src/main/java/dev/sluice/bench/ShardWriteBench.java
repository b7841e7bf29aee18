package dev.sluice.bench;

import dev.sluice.pipelines.io.ParquetSinks;
import dev.sluice.pipelines.io.ShardSink;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageSignals;
import dev.sluice.quality.image.PerceptualHash;
import dev.sluice.quality.image.Pixels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shard writer alone on image rows, one thread: µs of the thread's CPU per row, and bytes allocated per row, for
 * parquet-avro's writer trying Parquet's dictionary on every column but the image bytes (how shards were written
 * before), the same with the columns an image_folder recipe without dedup makes distinct (id, source, cluster id)
 * written plain, and the direct image writer ({@code ImageWriteSupport}) with those columns plain, as runs now
 * write. The rows are the Fashion-MNIST samples (DIR) decoded and measured as a run does, repeated under distinct
 * ids and sources (as a folder of copies), sorted by id as a shard is. The writers alternate, round after round;
 * their files are compared byte for byte.
 *
 * <pre>
 * bin/sluice-bench shard-write [DIR] [--rows 50000] [--rounds 9]
 * </pre>
 */
public final class ShardWriteBench {
  private ShardWriteBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "samples/images/fashion-mnist-1k");
    int rows = 50_000, rounds = 9;
    if (args.length > 1 && args.length % 2 == 0)
      throw new IllegalArgumentException("usage: ShardWriteBench [DIR] [--rows N] [--rounds N]");
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<ImageDoc> docs = rows(dir, rows);
    Map<String, ShardSink<ImageDoc>> writers = new LinkedHashMap<>();
    List<String> distinct = List.of("id", "source", "cluster_id");
    writers.put("parquet-avro, dictionary tried", ParquetSinks.imagesViaAvro("zstd", List.of()));
    writers.put("parquet-avro, distinct plain", ParquetSinks.imagesViaAvro("zstd", distinct));
    writers.put("direct, distinct plain", ParquetSinks.images("zstd", distinct));
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    Map<String, List<Double>> allocated = new HashMap<>();
    Path tmp = Files.createTempDirectory("sluice-shard-write");
    Map<String, byte[]> files = new HashMap<>();
    List<Map.Entry<String, ShardSink<ImageDoc>>> order = new ArrayList<>(writers.entrySet());
    for (int round = 0; round <= rounds; round++) {
      for (int k = 0; k < order.size(); k++) {
        var w = order.get((round + k) % order.size()); // each writer goes first in turn
        Path out = tmp.resolve(round + "-" + k + ".parquet");
        long a0 = bean.getCurrentThreadAllocatedBytes(), t0 = bean.getCurrentThreadCpuTime();
        w.getValue().write(docs.iterator(), out);
        long t1 = bean.getCurrentThreadCpuTime(), a1 = bean.getCurrentThreadAllocatedBytes();
        if (round > 0) { // round 0 warms up
          micros.computeIfAbsent(w.getKey(), x -> new ArrayList<>()).add((t1 - t0) / 1e3 / rows);
          allocated
              .computeIfAbsent(w.getKey(), x -> new ArrayList<>())
              .add((a1 - a0) / (double) rows);
        }
        files.put(w.getKey(), Files.readAllBytes(out));
        Files.delete(out);
      }
    }
    Files.delete(tmp);
    System.out.printf(Locale.ROOT, "%,d rows of %s, %d rounds, zstd%n", rows, dir, rounds);
    for (String name : writers.keySet()) {
      List<Double> v = new ArrayList<>(micros.get(name));
      Collections.sort(v);
      System.out.printf(
          Locale.ROOT,
          "%-34s median %.2f us/row (min %.2f, max %.2f), %.0f bytes allocated/row (median)%n",
          name,
          v.get(v.size() / 2),
          v.get(0),
          v.get(v.size() - 1),
          median(allocated.get(name)));
    }
    List<byte[]> bytes = new ArrayList<>(files.values());
    boolean same = bytes.stream().allMatch(b -> java.util.Arrays.equals(b, bytes.get(0)));
    System.out.println("files identical: " + same + " (" + bytes.get(0).length + " bytes)");
  }

  private static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(v.size() / 2);
  }

  /** The samples decoded and measured once each, then repeated as r000/…, r001/… copies, sorted by id. */
  static List<ImageDoc> rows(Path dir, int rows) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".png"))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) throw new IllegalArgumentException("no PNG under " + dir);
    List<ImageDoc> analysed = new ArrayList<>();
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      ImageDecoder.Decoded d = ImageDecoder.decode(b, f.getFileName().toString(), null);
      Pixels p = d.pixels();
      analysed.add(
          ImageDoc.read(
                  dir.relativize(f).toString(),
                  f.getParent().getFileName().toString(),
                  f.toString(),
                  "file",
                  0,
                  b)
              .analysed(
                  b,
                  "png",
                  p.width(),
                  p.height(),
                  p.channels(),
                  d.sourceFormat(),
                  ImageSignals.measure(p, b, d.sourceFormat()).asMap(),
                  d.pixelSha256(),
                  PerceptualHash.phash(p),
                  PerceptualHash.dhash(p)));
    }
    List<ImageDoc> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      ImageDoc a = analysed.get(i % analysed.size());
      String id = String.format(Locale.ROOT, "r%03d/%s", i / analysed.size(), a.id());
      out.add(
          ImageDoc.read(id, a.label(), "/data/fashion/" + id, "file", 0, a.bytes())
              .analysed(
                  a.bytes(),
                  a.format(),
                  a.width(),
                  a.height(),
                  a.channels(),
                  a.sourceFormat(),
                  a.signals(),
                  a.pixelSha256(),
                  a.phash(),
                  a.dhash())
              .withCluster(id, 1));
    }
    out.sort(Comparator.comparing(ImageDoc::id));
    return out;
  }
}
