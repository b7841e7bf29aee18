package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.quality.rules.Signals;
import dev.sluice.schemas.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards hold no column Hugging Face {@code datasets} refuses: its {@code Features.from_arrow_schema} has no
 * dtype for a MAP (or a union), which is what the signals were; they are now a struct per rule set. The other
 * columns keep Document.avsc's names, order and types.
 */
class ShardSchemaTest {
  @TempDir Path dir;

  @Test
  void shardsHaveNoMapAndKeepEveryContractColumn() throws Exception {
    Doc d =
        Doc.parsed("a", "Some text.", "in.jsonl", "line", 1)
            .withSignals(Map.of("gopher_quality.word_count", 2.0, "c4.sentences", 1.0))
            .withExactKey("k");
    Path file = dir.resolve("part.parquet");
    ParquetSinks.documents("zstd").write(List.of(d).iterator(), file);
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      List<String> maps = new ArrayList<>();
      walk(r.getFooter().getFileMetaData().getSchema(), "", maps);
      assertEquals(List.of(), maps, "MAP columns: datasets cannot load them");
      List<String> top =
          r.getFooter().getFileMetaData().getSchema().getFields().stream()
              .map(Type::getName)
              .toList();
      assertEquals(Schemas.DOCUMENT.getFields().stream().map(f -> f.name()).toList(), top);
    }
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(
                new LocalInputFile(file), new PlainParquetConfiguration())
            .build()) {
      GenericRecord row = r.read();
      GenericRecord signals = (GenericRecord) row.get("signals");
      assertEquals(2.0, ((GenericRecord) signals.get("gopher_quality")).get("word_count"));
      assertNull(
          ((GenericRecord) signals.get("gopher_quality")).get("stop_words"), "not measured: null");
      assertEquals(1.0, ((GenericRecord) signals.get("c4")).get("sentences"));
      assertNull(signals.get("fineweb"), "a rule set that did not run is null");
    }
  }

  @Test
  void everyRegisteredSignalHasAColumnAndAnUnknownOneIsABug() {
    int fields = 0;
    for (var set : ShardSchema.SIGNALS.getFields())
      fields += set.schema().getTypes().get(1).getFields().size();
    assertEquals(Signals.KNOWN.size(), fields);
    assertThrows(
        IllegalStateException.class,
        () -> ShardSchema.signals(new TreeMap<>(Map.of("nope.x", 1.0))));
  }

  private static void walk(Type t, String path, List<String> maps) {
    String p = path.isEmpty() ? t.getName() : path + "." + t.getName();
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      maps.add(p);
    }
    if (!t.isPrimitive()) for (Type c : ((GroupType) t).getFields()) walk(c, p, maps);
    assertFalse(
        t.getOriginalType() == org.apache.parquet.schema.OriginalType.MAP_KEY_VALUE,
        "MAP_KEY_VALUE at " + p);
  }
}
