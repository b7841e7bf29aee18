package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.io.ShardSchema;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input's own fields arrive in the shards and in removed/, typed, renamed where they collide with Sluice's
 * columns, selected by input.fields; a removed document keeps its url, a duplicate's survivor its own; same bytes
 * on a second run; a Parquet input's struct, timestamp and list columns keep their types.
 */
class InputFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path jsonl;

  static String text(int i) {
    return "Document number "
        + i
        + " is about the quick brown fox and the lazy dog, which ran "
        + "w".repeat(i + 1)
        + " far away into the forest.";
  }

  @BeforeAll
  static void corpus() throws IOException {
    jsonl = dir.resolve("in");
    Files.createDirectories(jsonl);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", String.format("doc-%02d", i));
      r.put("text", text(i));
      r.put("url", "https://f.org/" + i);
      if (i != 5) r.put("year", i == 3 ? 2.5 : i); // a long, one double, one missing
      r.put("tags", i == 7 ? List.of() : List.of(i, i + 1));
      r.put("meta", Map.of("n", i));
      r.put("source", "crawl-" + (i % 2));
      r.put("x y", i % 2 == 0);
      r.put("nothing", null);
      lines.add(JSON.writeValueAsString(r));
    }
    lines.add(
        JSON.writeValueAsString(
            Map.of("id", "zz-copy", "text", text(1), "url", "https://copy.org")));
    lines.add(
        JSON.writeValueAsString(Map.of("id", "short", "text", "Hi.", "url", "https://s.org")));
    lines.add(
        JSON.writeValueAsString(
            Map.of("id", "zz-near", "text", text(2) + " Indeed so.", "url", "https://near.org")));
    Files.write(jsonl.resolve("a.jsonl"), lines);
  }

  static Manifest run(Path in, String format, Object fields, Path out) throws IOException {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("path", in + "/*");
    input.put("format", format);
    if (fields != null) input.put("fields", fields);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "fields");
    m.put("input", input);
    m.put(
        "quality",
        Map.of("rules", List.of("gopher_quality"), "gopher_quality", Map.of("min_doc_words", 5)));
    m.put(
        "dedup",
        Map.of("exact", true, "near", Map.of("verify_jaccard", 0.8, "component_rounds", 6)));
    m.put("output", Map.of("path", out.toString(), "shard_rows", 5));
    Recipe r = Recipe.from(m);
    return Curation.run(
            r,
            InputFiles.expand(r.input().paths()),
            out,
            "embedded",
            Runners.options("embedded", null, 2))
        .manifest();
  }

  static Map<String, GenericRecord> byId(Path out, List<Manifest.FileEntry> files)
      throws IOException {
    Map<String, GenericRecord> m = new LinkedHashMap<>();
    for (GenericRecord g : CurationTest.rows(out, files)) m.put(g.get("id").toString(), g);
    return m;
  }

  @Test
  void everyFieldArrivesTypedInShardsAndRemovedRowsAndRunsAreByteIdentical() throws IOException {
    Path out = dir.resolve("all");
    Manifest m = run(jsonl, "jsonl", null, out);
    Map<String, Manifest.InputField> f = m.input_fields();
    assertEquals(new Manifest.InputField("url", "string", 15), f.get("url"));
    assertEquals(new Manifest.InputField("year", "double", 11), f.get("year"));
    assertEquals(new Manifest.InputField("tags", "list<long>", 12), f.get("tags"));
    assertEquals(new Manifest.InputField("meta", "json", 12), f.get("meta"));
    assertEquals(new Manifest.InputField("input_source", "string", 12), f.get("source"));
    assertEquals(new Manifest.InputField("x_y", "boolean", 12), f.get("x y"));
    assertEquals(List.of("meta", "source", "tags", "url", "x y", "year"), List.copyOf(f.keySet()));

    Map<String, GenericRecord> kept = byId(out, m.shards());
    assertEquals(12, kept.size(), m.counts().toString());
    GenericRecord d4 = kept.get("doc-04");
    assertEquals("https://f.org/4", d4.get("url").toString());
    assertEquals(4.0, d4.get("year"));
    assertEquals(List.of(4L, 5L), d4.get("tags"));
    assertEquals("{\"n\":4}", d4.get("meta").toString());
    assertEquals("crawl-0", d4.get("input_source").toString());
    assertEquals(true, d4.get("x_y"));
    assertTrue(d4.get("source").toString().endsWith("a.jsonl"), "Sluice's own source column stays");
    assertNull(kept.get("doc-05").get("year"), "missing: null");
    assertEquals(List.of(), kept.get("doc-07").get("tags"));

    Map<String, GenericRecord> removed = byId(out, m.removed());
    assertEquals("https://s.org", removed.get("short").get("url").toString(), "audit by url");
    GenericRecord copy = removed.get("zz-copy");
    assertEquals("exact", copy.get("reason").toString());
    assertEquals("doc-01", copy.get("duplicate_of").toString());
    assertEquals("https://copy.org", copy.get("url").toString());
    assertEquals("https://f.org/1", kept.get("doc-01").get("url").toString(), "survivor's own");
    assertNull(copy.get("year"));
    // near duplicates: whichever survives keeps its own url, the removed one its own
    GenericRecord near =
        removed.containsKey("zz-near") ? removed.get("zz-near") : removed.get("doc-02");
    assertEquals("near", near.get("reason").toString());
    Map<String, String> urls = Map.of("zz-near", "https://near.org", "doc-02", "https://f.org/2");
    String survivor = near.get("duplicate_of").toString();
    assertEquals(urls.get(near.get("id").toString()), near.get("url").toString());
    assertEquals(urls.get(survivor), kept.get(survivor).get("url").toString());

    Manifest again = run(jsonl, "jsonl", "all", dir.resolve("all2"));
    assertEquals(shas(m.shards()), shas(again.shards()), "same input, same shards");
    assertEquals(shas(m.removed()), shas(again.removed()));
  }

  private static List<String> shas(List<Manifest.FileEntry> files) {
    return files.stream().map(Manifest.FileEntry::sha256).toList();
  }

  @Test
  void noneCarriesNothingAndAListOnlyItsFields() throws IOException {
    Path none = dir.resolve("none");
    Manifest m = run(jsonl, "jsonl", "none", none);
    assertEquals(Map.of(), m.input_fields());
    GenericRecord row = CurationTest.rows(none, m.shards()).get(0);
    assertEquals(ShardSchema.DOCUMENT.getFields().size(), row.getSchema().getFields().size());

    Path some = dir.resolve("some");
    m = run(jsonl, "jsonl", List.of("url", "yaer"), some);
    assertEquals(List.of("url", "yaer"), List.copyOf(m.input_fields().keySet()));
    assertEquals(0, m.input_fields().get("yaer").present());
    for (Manifest.FileEntry e : m.shards()) {
      for (GenericRecord g : CurationTest.rows(some, List.of(e))) {
        Schema s = g.getSchema();
        assertEquals(ShardSchema.DOCUMENT.getFields().size() + 2, s.getFields().size(), e.path());
        assertNull(s.getField("meta"));
        assertNull(g.get("yaer"));
      }
    }
  }

  @Test
  void aParquetInputKeepsItsStructTimestampAndListColumns() throws IOException {
    Schema meta =
        SchemaBuilder.record("meta")
            .fields()
            .requiredString("url")
            .requiredDouble("score")
            .endRecord();
    Schema ts = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema =
        SchemaBuilder.record("row")
            .fields()
            .requiredString("id")
            .requiredString("text")
            .name("meta")
            .type(meta)
            .noDefault()
            .name("crawled")
            .type(ts)
            .noDefault()
            .name("tags")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .optionalLong("lang")
            .endRecord();
    Path in = dir.resolve("pq");
    Files.createDirectories(in);
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(in.resolve("a.parquet")))
            .withSchema(schema)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      for (int i = 0; i < 6; i++) {
        GenericRecord r = new GenericData.Record(schema);
        GenericRecord mr = new GenericData.Record(meta);
        mr.put("url", "https://p.org/" + i);
        mr.put("score", i / 2.0);
        r.put("id", "p" + i);
        r.put("text", text(i));
        r.put("meta", mr);
        r.put("crawled", 1_700_000_000_000_000L + i);
        r.put("tags", List.of("t" + i));
        r.put("lang", i % 2 == 0 ? null : (long) i);
        w.write(r);
      }
    }
    // a second file whose own column has a struct type of the same name, with other fields
    Schema other = SchemaBuilder.record("meta").fields().requiredLong("n").endRecord();
    Schema second =
        SchemaBuilder.record("row")
            .fields()
            .requiredString("id")
            .requiredString("text")
            .name("extra")
            .type(other)
            .noDefault()
            .endRecord();
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(in.resolve("b.parquet")))
            .withSchema(second)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      GenericRecord r = new GenericData.Record(second);
      GenericRecord e = new GenericData.Record(other);
      e.put("n", 7L);
      r.put("id", "q0");
      r.put("text", text(20));
      r.put("extra", e);
      w.write(r);
    }
    Path out = dir.resolve("pq-out");
    Manifest m = run(in, "parquet", null, out);
    assertEquals("struct<url: string, score: double>", m.input_fields().get("meta").type());
    assertEquals(
        new Manifest.InputField("crawled", "timestamp-micros", 6), m.input_fields().get("crawled"));
    assertEquals(new Manifest.InputField("input_lang", "long", 3), m.input_fields().get("lang"));
    GenericRecord g = byId(out, m.shards()).get("p4");
    assertEquals("https://p.org/4", ((GenericRecord) g.get("meta")).get("url").toString());
    assertEquals(2.0, ((GenericRecord) g.get("meta")).get("score"));
    assertEquals(1_700_000_000_000_004L, g.get("crawled"));
    Schema crawled = g.getSchema().getField("crawled").schema().getTypes().get(1);
    assertEquals("timestamp-micros", crawled.getLogicalType().getName());
    assertEquals("t4", ((List<?>) g.get("tags")).get(0).toString());
    assertNull(g.get("input_lang"));
    assertNull(g.get("extra"));
    GenericRecord q = byId(out, m.shards()).get("q0");
    assertEquals(7L, ((GenericRecord) q.get("extra")).get("n"));
    assertNull(q.get("meta"));
  }

  @Test
  void anAugmentedCopyCarriesItsOriginalsFields() throws IOException {
    Doc d =
        Doc.parsed("a", "some text here", "f", "line", 1)
            .withInput(
                dev.sluice.pipelines.model.InputValues.of(
                    Map.of("url", Map.entry("string", "u".getBytes()))));
    assertEquals(d.input(), d.augmentedCopy("a#aug1", "some text", List.of("swap")).input());
  }
}
