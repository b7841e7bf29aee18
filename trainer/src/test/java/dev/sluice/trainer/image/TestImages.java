package dev.sluice.trainer.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.schemas.Schemas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/** Writes small image run directories (Image.avsc shards of PNGs + manifest.json) for the image trainer's tests. */
final class TestImages {
  /** One image row: a label may be null; augmentedFrom names the original of a copy. */
  record Img(String id, byte[] png, String label, String augmentedFrom) {}

  private TestImages() {}

  /**
   * {@code n} gray {@code side}×{@code side} images of three easy classes ("0-rows": horizontal stripes, "1-cols":
   * vertical stripes, "2-dots": a bright centre), with seeded noise.
   */
  static List<Img> stripes(int n, int side, long seed) throws IOException {
    String[] names = {"0-rows", "1-cols", "2-dots"};
    Random r = new Random(seed);
    List<Img> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i % 3;
      BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          boolean on =
              switch (k) {
                case 0 -> y % 4 < 2;
                case 1 -> x % 4 < 2;
                default -> Math.abs(x - side / 2) + Math.abs(y - side / 2) < side / 3;
              };
          int v = Math.max(0, Math.min(255, (on ? 200 : 40) + (int) (r.nextGaussian() * 30)));
          img.getRaster().setSample(x, y, 0, v);
        }
      }
      out.add(new Img(String.format("%s/%04d.png", names[k], i), png(img), names[k], null));
    }
    return out;
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ImageIO.write(img, "png", b);
    return b.toByteArray();
  }

  static Path write(Path dir, List<Img> images) throws IOException {
    return write(dir, images, true);
  }

  /** {@code measure}: read each PNG back for its width and height (false for damaged bytes: 0 is written). */
  static Path write(Path dir, List<Img> images, boolean measure) throws IOException {
    Schema schema = Schemas.IMAGE;
    Files.createDirectories(dir.resolve("shards"));
    String rel = "shards/part-00000-of-00001.parquet";
    Schema signals = schema.getField("signals").schema();
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(dir.resolve(rel)))
            .withSchema(schema)
            .withRowGroupRowCountLimit(Math.max(50, images.size() / 8))
            .build()) {
      for (Img i : images) {
        GenericRecord s = new GenericData.Record(signals);
        for (String f :
            List.of(
                "aspect_ratio",
                "blur",
                "brightness",
                "contrast",
                "colourfulness",
                "entropy",
                "uniform_fraction")) {
          s.put(f, 0.0);
        }
        BufferedImage img =
            measure ? ImageIO.read(new java.io.ByteArrayInputStream(i.png())) : null;
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", i.id());
        r.put("image", ByteBuffer.wrap(i.png()));
        r.put("format", "png");
        r.put("width", img == null ? 0 : img.getWidth());
        r.put("height", img == null ? 0 : img.getHeight());
        r.put("channels", img == null ? 1 : img.getColorModel().getNumColorComponents());
        r.put("label", i.label());
        r.put("source", i.id());
        r.put("location", "file");
        r.put("source_format", "png");
        r.put("file_bytes", (long) i.png().length);
        r.put("signals", s);
        r.put("pixel_sha256", "0");
        r.put("phash", 0L);
        r.put("dhash", 0L);
        r.put("exact_dups", 0);
        r.put("cluster_id", i.id());
        r.put("cluster_size", 1);
        r.put("augmented_from", i.augmentedFrom());
        r.put("augment_ops", List.of());
        w.write(r);
      }
    }
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    manifest
        .putArray("shards")
        .addObject()
        .put("path", rel)
        .put("rows", images.size())
        .put("bytes", Files.size(dir.resolve(rel)));
    manifest.putObject("counts").put("kept", images.size());
    new ObjectMapper().writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return dir;
  }
}
