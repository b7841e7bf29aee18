package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.config.Config;
import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Runs image recipes on the embedded runner and reads their run directories back, for the image tests. */
final class ImageRuns {
  static final ObjectMapper JSON = new ObjectMapper();

  private ImageRuns() {}

  /** The kept rows by id, the removed rows and the dead letters of a run directory. */
  record Outcome(
      Map<String, Map<String, Object>> kept,
      List<Map<String, Object>> removed,
      List<Map<String, Object>> dead) {
    Map<String, Map<String, Object>> removedById() {
      Map<String, Map<String, Object>> m = new TreeMap<>();
      for (Map<String, Object> r : removed) m.put((String) r.get("id"), r);
      return m;
    }
  }

  static RunSummary run(Map<String, Object> recipe, Path out) throws IOException {
    ImageRecipe r = ImageRecipe.from(recipe);
    return ImageCuration.run(
        r, ImageCuration.files(r), out, "embedded", Runners.options("embedded", null, 2), true);
  }

  static Outcome read(Path out) throws IOException {
    Map<String, Map<String, Object>> kept = new TreeMap<>();
    for (Map<String, Object> row : rows(out.resolve("shards")))
      kept.put((String) row.get("id"), row);
    List<Map<String, Object>> dead = new ArrayList<>();
    try (var files = Files.list(out.resolve("dead-letters"))) {
      for (Path f : files.sorted().toList())
        for (String line : Files.readAllLines(f))
          if (!line.isBlank()) dead.add(JSON.readValue(line, Map.class));
    }
    return new Outcome(kept, rows(out.resolve("removed")), dead);
  }

  static List<Map<String, Object>> rows(Path folder) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
        try (ParquetReader<GenericRecord> r =
            AvroParquetReader.<GenericRecord>builder(
                    new LocalInputFile(f), new PlainParquetConfiguration())
                .build()) {
          GenericRecord g;
          while ((g = r.read()) != null) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (var field : g.getSchema().getFields()) {
              Object v = g.get(field.name());
              if (v instanceof CharSequence cs) v = cs.toString();
              if (v instanceof ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.duplicate().get(a);
                v = a;
              }
              row.put(field.name(), v);
            }
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  static List<String> hashes(Manifest m) {
    return m.shards().stream().map(Manifest.FileEntry::sha256).toList();
  }

  static void assertRecipeError(Map<String, Object> recipe, String field) {
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> ImageRecipe.from(recipe));
    assertTrue(e.field().equals(field), "field " + e.field() + ": " + e.getMessage());
  }
}
