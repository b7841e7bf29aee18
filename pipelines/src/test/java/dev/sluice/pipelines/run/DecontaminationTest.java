package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decontamination end to end on the samples: the evaluation sets of samples/eval/ against the State of the Union
 * addresses and Moby-Dick, with no other filter, so every hit is the step's own.
 */
class DecontaminationTest {
  static final Path ROOT = Path.of(System.getProperty("sluice.root", ".."));
  @TempDir Path dir;

  static Map<String, Object> recipe(Path out, Map<String, Object> decontaminate) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "decontam-test");
    m.put(
        "input",
        Map.of(
            "path",
            List.of(
                ROOT.resolve("samples/text/en/sotu-every5y.jsonl").toString(),
                ROOT.resolve("samples/text/en/moby-dick.jsonl").toString())));
    m.put("decontaminate", decontaminate);
    m.put("dedup", Map.of("exact", true));
    m.put("output", Map.of("path", out.toString(), "shard_rows", 60));
    return m;
  }

  static Map<String, Object> samplesSets() {
    Map<String, Object> sets = new LinkedHashMap<>();
    sets.put("sotu-qa", ROOT.resolve("samples/eval/sotu-qa.jsonl").toString());
    sets.put("moby-cloze", ROOT.resolve("samples/eval/moby-cloze.txt").toString());
    return Map.of("sets", sets);
  }

  static Manifest run(Map<String, Object> map) throws IOException {
    Recipe r = Recipe.from(map);
    Path out = Path.of(r.output().path());
    return Curation.run(
            r,
            InputFiles.expand(r.input().paths()),
            out,
            "embedded",
            Runners.options("embedded", null, 2))
        .manifest();
  }

  @Test
  void removesTheDocumentsTheEvaluationSetsQuoteAndNamesTheMatch() throws IOException {
    Path out = dir.resolve("a");
    Manifest m = run(recipe(out, samplesSets()));
    Manifest.Counts c = m.counts();
    assertTrue(c.balanced(), c.toString());
    assertEquals(5L, c.filtered().get("decontamination"), c.toString());

    Map<String, String> matched = new TreeMap<>();
    for (GenericRecord g : CurationTest.rows(out, m.removed())) {
      if (!g.get("reason").toString().equals("decontamination")) continue;
      assertEquals("decontamination", g.get("stage").toString());
      matched.put(g.get("id").toString(), g.get("matched").toString());
    }
    String cloze = ROOT.resolve("samples/eval/moby-cloze.txt").toString();
    assertEquals(
        Map.of(
            "moby-chapter_1", "moby-cloze/" + cloze + "#b1",
            "moby-chapter_42", "moby-cloze/" + cloze + "#b2",
            // verbatim
            "sotu-1935_franklin_d_roosevelt_d", "sotu-qa/sotu-qa-001",
            // upper case, spaces before the punctuation: a hit after normalisation
            "sotu-1965_lyndon_b_johnson_d", "sotu-qa/sotu-qa-002",
            "sotu-2010_barack_obama_d", "sotu-qa/sotu-qa-003"),
        matched);
    // sotu-qa-004 holds 12 words of the 1950 address: not a hit
    assertTrue(
        CurationTest.rows(out, m.shards()).stream()
            .anyMatch(g -> g.get("id").toString().equals("sotu-1950_harry_s_truman_d")));

    Map<String, Object> d = m.decontamination();
    assertEquals(13, d.get("ngram"));
    assertEquals(8, d.get("min_words"));
    assertEquals(5L, d.get("removed"));
    assertEquals(
        Map.of(
            "sotu-qa",
            Map.of(
                "documents",
                6L,
                "indexed",
                4L,
                "whole",
                1L,
                "too_short",
                1L,
                "ngrams",
                91L,
                "hits",
                3L),
            "moby-cloze",
            Map.of(
                "documents",
                3L,
                "indexed",
                3L,
                "whole",
                0L,
                "too_short",
                0L,
                "ngrams",
                37L,
                "hits",
                2L)),
        d.get("sets"));
    assertTrue(
        m.stages().stream()
            .anyMatch(s -> s.name().equals("decontaminate") && s.in() - s.out() == 5),
        m.stages().toString());

    // same input and recipe: byte-identical shards and removed rows
    Manifest again = run(recipe(dir.resolve("b"), samplesSets()));
    assertEquals(
        m.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        again.shards().stream().map(Manifest.FileEntry::sha256).toList());
    assertEquals(
        m.removed().stream().map(Manifest.FileEntry::sha256).toList(),
        again.removed().stream().map(Manifest.FileEntry::sha256).toList());
  }

  @Test
  void aBadEvaluationFileIsARecipeErrorBeforeTheRunStarts() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\": \"1\", \"text\": \"fine\"}\n{\"id\": \"2\", \"text\": \n");
    Path twice = dir.resolve("twice.jsonl");
    Files.writeString(
        twice, "{\"id\": \"1\", \"text\": \"one\"}\n{\"id\": \"1\", \"text\": \"two\"}\n");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "\n\n  \n");
    Path shortOnly = dir.resolve("short.jsonl");
    Files.writeString(
        shortOnly,
        "{\"id\": \"1\", \"text\": \"yes\"}\n{\"id\": \"2\", \"text\": \"no it is not\"}\n");
    Path out = dir.resolve("never");
    record Case(Object set, String message) {}
    for (Case k :
        List.of(
            new Case(dir.resolve("missing.jsonl").toString(), "matches at least one file"),
            new Case(bad.toString(), "malformed_json"),
            new Case(twice.toString(), "document ids unique within the set"),
            new Case(empty.toString(), "empty_file"),
            new Case(shortOnly.toString(), "all shorter than min_words"))) {
      Config.ConfigException e =
          assertThrows(
              Config.ConfigException.class,
              () -> run(recipe(out, Map.of("sets", Map.of("mmlu", k.set())))),
              String.valueOf(k.set()));
      assertEquals("decontaminate.sets.mmlu", e.field());
      assertTrue(e.getMessage().contains(k.message()), e.getMessage());
    }
    assertTrue(!Files.exists(out), "nothing written");
  }

  @Test
  void readsAParquetEvaluationSetByNamedColumnsAndRejectsARowWithoutText() throws IOException {
    Schema schema =
        SchemaBuilder.record("Item")
            .fields()
            .requiredString("question_id")
            .optionalString("question")
            .endRecord();
    String quoted =
        "The toughest to read are those written by children asking why they have to move from"
            + " their home";
    Path good = writeParquet(dir.resolve("good.parquet"), schema, "q-17", quoted);
    Map<String, Object> set =
        Map.of("path", good.toString(), "id_field", "question_id", "text_field", "question");
    var spec =
        Recipe.from(recipe(dir.resolve("never"), Map.of("sets", Map.of("pq", set))))
            .decontaminate();
    assertEquals("parquet", spec.sets().get("pq").format());
    var index = EvalSets.load(spec.spec());
    assertEquals(
        "pq/q-17",
        index.matcher().firstMatch("he said: " + quoted.toUpperCase(Locale.ROOT)).label());

    Path missing = writeParquet(dir.resolve("missing.parquet"), schema, "q-18", null);
    Map<String, Object> bad =
        Map.of("path", missing.toString(), "id_field", "question_id", "text_field", "question");
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class,
            () ->
                EvalSets.load(
                    Recipe.from(recipe(dir.resolve("never"), Map.of("sets", Map.of("pq", bad))))
                        .decontaminate()
                        .spec()));
    assertTrue(e.getMessage().contains("missing_text"), e.getMessage());
  }

  static Path writeParquet(Path f, Schema schema, String id, String text) throws IOException {
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(f))
            .withSchema(schema)
            .withConf(new PlainParquetConfiguration())
            .build()) {
      GenericRecord r = new GenericData.Record(schema);
      r.put("question_id", id);
      r.put("question", text);
      w.write(r);
    }
    return f;
  }

  @Test
  void settingsAreValidatedWithTheFieldNamed() {
    Path out = dir.resolve("never");
    String eval = ROOT.resolve("samples/eval/sotu-qa.jsonl").toString();
    record Case(Map<String, Object> section, String field) {}
    for (Case k :
        List.of(
            new Case(Map.of(), "decontaminate.sets"),
            new Case(Map.of("sets", Map.of("a/b", eval)), "decontaminate.sets"),
            new Case(Map.of("sets", Map.of("a", eval), "ngram", 0), "decontaminate.ngram"),
            new Case(
                Map.of("sets", Map.of("a", eval), "ngram", 5, "min_words", 6),
                "decontaminate.min_words"),
            new Case(Map.of("sets", Map.of("a", eval), "n", 5), "decontaminate.n"),
            new Case(
                Map.of("sets", Map.of("a", Map.of("path", eval, "format", "csv"))),
                "decontaminate.sets.a.format"),
            new Case(
                Map.of("sets", Map.of("a", Map.of("path", eval, "format", "warc"))),
                "decontaminate.sets.a.format"),
            new Case(
                Map.of("sets", Map.of("a", Map.of("path", eval, "label", "x"))),
                "decontaminate.sets.a.label"))) {
      Config.ConfigException e =
          assertThrows(
              Config.ConfigException.class,
              () -> Recipe.from(recipe(out, k.section())),
              k.section().toString());
      assertEquals(k.field(), e.field(), e.getMessage());
    }
    // the defaults: 13 words, short documents matched whole from 8 words
    var s = Recipe.from(recipe(out, Map.of("sets", Map.of("a", eval)))).decontaminate();
    assertEquals(13, s.ngram());
    assertEquals(8, s.minWords());
    assertEquals("jsonl", s.sets().get("a").format());
    assertEquals(6, EvalSets.load(s.spec()).stats().get("a").documents());
  }
}
