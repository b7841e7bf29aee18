package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end runs on real sample text with planted problems: counts add up, every document is accounted for
 * exactly once, planted duplicates are found, and the same input gives byte-identical shards on every run and
 * on both runners.
 */
class CurationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path input;
  static String nearTwinOf;

  @BeforeAll
  static void corpus() throws IOException {
    input = dir.resolve("in");
    Files.createDirectories(input);
    Path samples = Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text");
    List<String> moby = Files.readAllLines(samples.resolve("en/moby-dick.jsonl")).subList(0, 40);
    List<String> fortunes =
        Files.readAllLines(samples.resolve("en/fortunes-en.jsonl")).subList(0, 300);
    List<String> udhr = Files.readAllLines(samples.resolve("multi/udhr.jsonl")).subList(0, 12);
    List<String> a = new ArrayList<>(moby);
    a.addAll(udhr);
    // an exact copy and a near copy of chapter texts, under new ids
    Map<?, ?> ch = JSON.readValue(moby.get(10), Map.class);
    a.add(JSON.writeValueAsString(Map.of("id", "zz-exact-copy", "text", ch.get("text"))));
    Map<?, ?> ch2 = JSON.readValue(moby.get(12), Map.class);
    nearTwinOf = (String) ch2.get("id");
    String t = (String) ch2.get("text");
    a.add(
        JSON.writeValueAsString(
            Map.of(
                "id",
                "zz-near-copy",
                "text",
                t.replaceFirst("whale", "WHALE").replaceFirst(" the ", " a ")
                    + " And that was all.")));
    // an exact copy of the near copy's twin: exact dedup keeps the twin, near dedup then removes
    // the
    // twin for the longer near copy, and this copy must point at the near copy, which is kept
    a.add(JSON.writeValueAsString(Map.of("id", "zz-exact-of-twin", "text", t)));
    // a duplicate id and a malformed line
    a.add(
        JSON.writeValueAsString(
            Map.of("id", ch.get("id"), "text", "a different text under a used id")));
    a.add("{\"id\": \"broken\", \"text\": ");
    Files.write(input.resolve("a.jsonl"), a);
    Files.write(input.resolve("b.jsonl"), fortunes);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      for (String l : fortunes.subList(0, 100)) {
        o.write(l.replace("\"fortune-", "\"gz-fortune-").getBytes(StandardCharsets.UTF_8));
        o.write('\n');
      }
    }
    byte[] g = gz.toByteArray();
    Files.write(input.resolve("c.jsonl.gz"), java.util.Arrays.copyOf(g, g.length * 2 / 3));
  }

  static Recipe recipe(Path out) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "test");
    m.put("input", Map.of("path", input + "/*"));
    m.put("language", Map.of("keep", List.of("en"), "min_confidence", 0.65));
    m.put(
        "quality",
        Map.of(
            "rules",
            List.of("gopher_quality", "gopher_repetition", "c4", "fineweb"),
            "gopher_quality",
            Map.of("min_doc_words", 5),
            "c4",
            Map.of("min_sentences", 1)));
    m.put(
        "dedup",
        Map.of(
            "exact",
            true,
            "near",
            Map.of("verify_jaccard", 0.8, "component_rounds", 6),
            "keep",
            List.of("length_desc", "id_asc")));
    m.put("output", Map.of("path", out.toString(), "shard_rows", 40));
    return Recipe.from(m);
  }

  static RunSummary run(String runner, Path out) throws IOException {
    Recipe r = recipe(out);
    return Curation.run(
        r, InputFiles.expand(r.input().paths()), out, runner, Runners.options(runner, null, 2));
  }

  /** A text recipe run on the embedded runner, as the tests of every run step use it. */
  static RunSummary run(Map<String, Object> recipe, Path out) throws IOException {
    Recipe r = Recipe.from(recipe);
    return Curation.run(
        r,
        InputFiles.expand(r.input().paths()),
        out,
        "embedded",
        Runners.options("embedded", null, 2));
  }

  static List<GenericRecord> rows(Path runDir, List<Manifest.FileEntry> files) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    for (Manifest.FileEntry f : files) {
      try (ParquetReader<GenericRecord> r =
          AvroParquetReader.<GenericRecord>builder(
                  new LocalInputFile(runDir.resolve(f.path())), new PlainParquetConfiguration())
              .build()) {
        for (GenericRecord g = r.read(); g != null; g = r.read()) out.add(g);
      }
    }
    return out;
  }

  @Test
  void everyDocumentIsAccountedForOnceAndRunsAreByteIdentical() throws IOException {
    Path out1 = dir.resolve("out1");
    RunSummary s = run("embedded", out1);
    Manifest m = s.manifest();
    Manifest.Counts c = m.counts();
    assertTrue(c.balanced(), c.toString());
    // duplicate id, malformed line, truncated gzip tail
    assertEquals(1L, m.dead_letter_reasons().get("parse.duplicate_id"));
    assertEquals(1L, m.dead_letter_reasons().get("parse.malformed_json"));
    assertEquals(1L, m.dead_letter_reasons().get("read.truncated_file"));
    assertTrue(c.filtered().get("language.not_kept") >= 8, c.filtered().toString());
    assertTrue(
        c.duplicate().get("exact") >= 1 && c.duplicate().get("near") >= 1,
        c.duplicate().toString());
    // the runner's own metrics (what Flink's web UI shows) carry the same counts by name
    assertEquals(c.input(), s.runnerCounters().get("input"));
    assertEquals(c.kept(), s.runnerCounters().get("kept"));
    assertEquals(c.duplicate().get("near"), s.runnerCounters().get("duplicate:near"));
    assertEquals(1L, s.runnerCounters().get("dead_letter:parse.malformed_json"));

    List<GenericRecord> kept = rows(out1, m.shards());
    List<GenericRecord> removed = rows(out1, m.removed());
    assertEquals(c.kept(), kept.size());
    Set<String> seen = new HashSet<>();
    for (GenericRecord g : kept)
      assertTrue(seen.add(g.get("id").toString()), "kept twice: " + g.get("id"));
    Map<String, GenericRecord> removedById = new HashMap<>();
    for (GenericRecord g : removed) {
      assertTrue(
          seen.add(g.get("id").toString()), "kept and removed, or removed twice: " + g.get("id"));
      removedById.put(g.get("id").toString(), g);
    }
    GenericRecord near =
        removedById.get(nearTwinOf) != null
            ? removedById.get(nearTwinOf)
            : removedById.get("zz-near-copy");
    assertEquals("near", near.get("reason").toString());
    assertEquals("dedup_near", near.get("stage").toString());
    assertTrue(Set.of(nearTwinOf, "zz-near-copy").contains(near.get("duplicate_of").toString()));
    GenericRecord survivor =
        kept.stream()
            .filter(g -> g.get("id").toString().equals(near.get("duplicate_of").toString()))
            .findFirst()
            .orElseThrow();
    assertEquals(2, survivor.get("cluster_size"));
    String chapter =
        (String)
            JSON.readValue(Files.readAllLines(input.resolve("a.jsonl")).get(10), Map.class)
                .get("id");
    GenericRecord exact =
        removedById.containsKey("zz-exact-copy")
            ? removedById.get("zz-exact-copy")
            : removedById.get(chapter);
    assertEquals("exact", exact.get("reason").toString());
    assertTrue(Set.of(chapter, "zz-exact-copy").contains(exact.get("duplicate_of").toString()));
    // a duplicate of a duplicate points at the document that was kept (it pointed at the twin)
    assertEquals("zz-near-copy", removedById.get(nearTwinOf).get("duplicate_of").toString());
    assertEquals("exact", removedById.get("zz-exact-of-twin").get("reason").toString());
    assertEquals(
        "zz-near-copy", removedById.get("zz-exact-of-twin").get("duplicate_of").toString());
    Set<String> keptIds = new HashSet<>();
    kept.forEach(g -> keptIds.add(g.get("id").toString()));
    for (GenericRecord g : removed) {
      if (g.get("duplicate_of") != null)
        assertTrue(keptIds.contains(g.get("duplicate_of").toString()), g.toString());
    }

    Path out2 = dir.resolve("out2");
    Manifest again = run("embedded", out2).manifest();
    assertEquals(
        m.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        again.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        "same input, same shards");
    assertEquals(
        m.removed().stream().map(Manifest.FileEntry::sha256).toList(),
        again.removed().stream().map(Manifest.FileEntry::sha256).toList());
    assertEquals(m.counts(), again.counts());
    assertTrue(m.shards().size() > 1, "several shards: " + m.shards().size());
    assertFalse(Files.exists(out1.resolve(RunDirectory.WORK)), "work folder removed");
  }

  @Test
  void aByteTargetSetsTheShardCountFromTheKeptText() throws IOException {
    Path out = dir.resolve("bytes");
    Recipe base = recipe(out);
    Map<String, Object> m = new LinkedHashMap<>(base.resolved());
    m.put("output", Map.of("path", out.toString(), "shard_rows", 100_000, "shard_bytes", 20_000));
    Recipe r = Recipe.from(m);
    Manifest man =
        Curation.run(
                r,
                InputFiles.expand(r.input().paths()),
                out,
                "embedded",
                Runners.options("embedded", null, 2))
            .manifest();
    long bytes = 0;
    for (GenericRecord g : rows(out, man.shards()))
      bytes += g.get("text").toString().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes > 60_000, "enough text for several shards: " + bytes);
    assertEquals((bytes + 19_999) / 20_000, man.shards().size(), "ceil(text bytes / shard_bytes)");
    assertEquals(man.counts().kept(), man.shards().stream().mapToLong(f -> f.rows()).sum());
  }

  @Test
  @org.junit.jupiter.api.Tag("slow")
  void directRunnerWritesTheSameShardsAsTheEmbeddedRunner() throws IOException {
    Manifest direct = run("direct", dir.resolve("direct")).manifest();
    Manifest embedded = run("embedded", dir.resolve("embedded")).manifest();
    assertEquals(embedded.counts(), direct.counts());
    assertEquals(
        embedded.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        direct.shards().stream().map(Manifest.FileEntry::sha256).toList());
    assertEquals(
        embedded.dead_letters().stream().map(Manifest.FileEntry::sha256).toList(),
        direct.dead_letters().stream().map(Manifest.FileEntry::sha256).toList());
  }
}
