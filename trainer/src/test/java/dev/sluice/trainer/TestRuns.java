package dev.sluice.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/** Writes small Sluice-like run directories (shards + manifest.json) for trainer tests. */
public final class TestRuns {
  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Document", "fields": [
        {"name": "id", "type": "string"},
        {"name": "text", "type": "string"},
        {"name": "quality_score", "type": "double"}]}""");

  public record Doc(String id, String text, double quality) {}

  private TestRuns() {}

  /** Splits docs round-robin into {@code shards} files with row groups of {@code rowsPerGroup}. */
  public static Path write(Path dir, List<Doc> docs, int shards, int rowsPerGroup)
      throws IOException {
    Files.createDirectories(dir.resolve("shards"));
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    ArrayNode list = manifest.putArray("shards");
    for (int s = 0; s < shards; s++) {
      String rel = String.format("shards/part-%05d-of-%05d.parquet", s, shards);
      Path file = dir.resolve(rel);
      List<Doc> part = new ArrayList<>();
      for (int i = s; i < docs.size(); i += shards) part.add(docs.get(i));
      try (ParquetWriter<GenericRecord> w =
          AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
              .withSchema(SCHEMA)
              .withRowGroupRowCountLimit(rowsPerGroup)
              .withPageRowCountLimit(rowsPerGroup)
              .build()) {
        for (Doc d : part) {
          GenericRecord r = new GenericData.Record(SCHEMA);
          r.put("id", d.id());
          r.put("text", d.text());
          r.put("quality_score", d.quality());
          w.write(r);
        }
      }
      list.addObject().put("path", rel).put("rows", part.size()).put("bytes", Files.size(file));
    }
    manifest.putObject("counts").put("kept", docs.size());
    new ObjectMapper().writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return dir;
  }

  /** {@code n} documents "doc-i" whose text carries a unique marker "<<i>>" plus some prose. */
  public static List<Doc> marked(int n) {
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(
          new Doc(
              "doc-" + i,
              "<<"
                  + i
                  + ">> the quick brown fox jumps over the lazy dog number "
                  + i
                  + ". ".repeat(1 + i % 5),
              (i % 10) / 10.0));
    }
    return docs;
  }

  private static final Schema SLUICE =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Document", "fields": [
        {"name": "id", "type": "string"},
        {"name": "text", "type": "string"},
        {"name": "augmented_from", "type": ["null", "string"], "default": null},
        {"name": "difficulty", "type": ["null", "double"], "default": null}]}""");

  /** A row of Sluice's own shards: an augmented copy names its original; difficulty may be null. */
  public record SluiceDoc(String id, String text, String augmentedFrom, Double difficulty) {}

  /** One shard with Sluice's augmented_from and difficulty columns. */
  public static Path writeSluice(Path dir, List<SluiceDoc> docs) throws IOException {
    Files.createDirectories(dir.resolve("shards"));
    String rel = "shards/part-00000-of-00001.parquet";
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(dir.resolve(rel)))
            .withSchema(SLUICE)
            .build()) {
      for (SluiceDoc d : docs) {
        GenericRecord r = new GenericData.Record(SLUICE);
        r.put("id", d.id());
        r.put("text", d.text());
        r.put("augmented_from", d.augmentedFrom());
        r.put("difficulty", d.difficulty());
        w.write(r);
      }
    }
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    manifest
        .putArray("shards")
        .addObject()
        .put("path", rel)
        .put("rows", docs.size())
        .put("bytes", Files.size(dir.resolve(rel)));
    manifest.putObject("counts").put("kept", docs.size());
    new ObjectMapper().writeValue(dir.resolve("manifest.json").toFile(), manifest);
    return dir;
  }
}
