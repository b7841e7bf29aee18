package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.augment.text.AugmentPolicy;
import dev.sluice.core.config.Config;
import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * augment.text and curriculum end to end on real sample text: the accounting with augmented copies, the copies'
 * ids, provenance and ops, the difficulty column and its components, the saved reference model, byte-identical
 * reruns, and recipe errors that name the field.
 */
class AugmentCurriculumTest {
  @TempDir static Path dir;
  static Path input;

  @BeforeAll
  static void corpus() throws IOException {
    input = dir.resolve("in");
    Files.createDirectories(input);
    Path samples = Path.of(System.getProperty("sluice.root", "..")).resolve("samples/text");
    List<String> lines =
        new ArrayList<>(Files.readAllLines(samples.resolve("en/moby-dick.jsonl")).subList(0, 30));
    lines.addAll(Files.readAllLines(samples.resolve("en/fortunes-en.jsonl")).subList(0, 150));
    lines.addAll(Files.readAllLines(samples.resolve("multi/udhr.jsonl")).subList(0, 6));
    // an input id shaped like a copy's: it could collide with the copy of "moby-zz", so it is a
    // dead letter
    lines.add(
        "{\"id\": \"moby-zz#aug1\", \"text\": \"Call me Ishmael. Some years ago, never mind how long"
            + " precisely, having little or no money in my purse, I thought I would sail about.\"}");
    Files.write(input.resolve("a.jsonl"), lines);
  }

  static Map<String, Object> recipeMap(Path out) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "aug");
    m.put("seed", 7);
    m.put("input", Map.of("path", input + "/*"));
    m.put("quality", Map.of("rules", List.of("gopher_repetition")));
    m.put("dedup", Map.of("exact", true));
    Map<String, Object> ops = new LinkedHashMap<>();
    ops.put("synonym", 0.1);
    ops.put("insert", 0.1);
    ops.put("swap", 0.1);
    ops.put("delete", 0.1);
    ops.put("typo", 0.02);
    m.put("augment", Map.of("text", Map.of("copies", 2, "ops", ops)));
    m.put(
        "curriculum",
        Map.of(
            "difficulty",
            List.of("length", "rarity", "perplexity", "quality"),
            "reference",
            "input"));
    m.put("output", Map.of("path", out.toString(), "shard_rows", 100));
    return m;
  }

  static RunSummary run(Path out, String runner) throws IOException {
    Recipe r = Recipe.from(recipeMap(out));
    return Curation.run(
        r, InputFiles.expand(r.input().paths()), out, runner, Runners.options(runner, null, 2));
  }

  @Test
  void copiesAreAccountedForAndCarryTheirProvenanceAndDifficulty() throws IOException {
    Path out = dir.resolve("out1");
    RunSummary s = run(out, "embedded");
    Manifest m = s.manifest();
    Manifest.Counts c = m.counts();
    assertTrue(c.augmented() > 0, c.toString());
    assertTrue(c.balanced(), "input + augmented = kept + removed + dead: " + c);
    assertEquals(
        c.input() + c.augmented(),
        c.kept() + c.dead_letter() + c.filteredTotal() + c.duplicateTotal());
    assertTrue(m.augment().get("synonym.changed") > 0, m.augment().toString());
    assertEquals(
        1L, m.dead_letter_reasons().get("augment.reserved_id"), m.dead_letter_reasons().toString());
    assertTrue(m.augment().containsKey("swap.changed"), m.augment().toString());
    assertEquals(
        List.of("length", "rarity", "perplexity", "quality"), m.curriculum().get("components"));

    List<GenericRecord> kept = CurationTest.rows(out, m.shards());
    assertEquals(c.kept(), kept.size());
    Map<String, GenericRecord> byId = new HashMap<>();
    for (GenericRecord g : kept) byId.put(g.get("id").toString(), g);
    long copies = 0;
    for (GenericRecord g : kept) {
      Object from = g.get("augmented_from");
      @SuppressWarnings("unchecked")
      List<Object> ops = (List<Object>) g.get("augment_ops");
      if (from == null) {
        assertTrue(ops.isEmpty(), "an original has no ops");
      } else {
        copies++;
        String id = g.get("id").toString();
        assertTrue(id.matches(".*#aug[12]"), id);
        assertEquals(from.toString(), id.substring(0, id.lastIndexOf("#aug")));
        GenericRecord original = byId.get(from.toString());
        assertNotNull(original, "the original of " + id + " is kept");
        assertFalse(ops.isEmpty(), "a copy names the ops that changed it");
        for (Object op : ops) assertTrue(AugmentPolicy.OPS.contains(op.toString()), op.toString());
        assertFalse(
            g.get("text").toString().equals(original.get("text").toString()),
            "a copy differs from its original: " + id);
        String other = id.endsWith("#aug2") ? from + "#aug1" : null;
        if (other != null && byId.containsKey(other)) {
          assertFalse(
              g.get("text").toString().equals(byId.get(other).get("text").toString()),
              "a copy differs from the copy before it: " + id);
        }
      }
      double d = (Double) g.get("difficulty");
      assertTrue(d >= 0 && d <= 1, "difficulty " + d);
      GenericRecord parts = (GenericRecord) g.get("difficulty_components");
      for (String k : List.of("length", "rarity", "perplexity", "quality"))
        assertNotNull(parts.get(k), k + " of " + g.get("id"));
    }
    assertEquals(c.augmented(), copies);
    // difficulty is the percentile (mid-rank) of the mean of the components' percentiles among the
    // documents
    List<String> names = List.of("length", "rarity", "perplexity", "quality");
    double[][] parts = new double[names.size()][kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      GenericRecord comp = (GenericRecord) kept.get(i).get("difficulty_components");
      for (int k = 0; k < names.size(); k++) parts[k][i] = (Double) comp.get(names.get(k));
    }
    double[] means = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      double[] ranks = new double[names.size()];
      for (int k = 0; k < names.size(); k++) {
        double below = 0, equal = 0;
        for (double v : parts[k]) {
          if (v < parts[k][i]) below++;
          else if (v == parts[k][i]) equal++;
        }
        ranks[k] = (below + equal / 2) / parts[k].length;
      }
      means[i] = dev.sluice.augment.difficulty.Difficulty.combine(ranks);
    }
    for (int i = 0; i < kept.size(); i++) {
      double below = 0, equal = 0;
      for (double v : means) {
        if (v < means[i]) below++;
        else if (v == means[i]) equal++;
      }
      assertEquals(
          (below + equal / 2) / means.length,
          (Double) kept.get(i).get("difficulty"),
          1e-9,
          kept.get(i).get("id").toString());
    }
    // so a competence of c admits about a share c of the documents
    long easy = kept.stream().filter(g -> (Double) g.get("difficulty") <= 0.2).count();
    assertEquals(0.2, easy / (double) kept.size(), 0.02, "share with difficulty <= 0.2");

    // the reference model is saved with the run, and the manifest names its version
    Path model = out.resolve("curriculum/difficulty-model.bin");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) m.curriculum().get("model");
    assertEquals(DifficultyModel.load(model).version(), meta.get("version"));

    Manifest again = run(dir.resolve("out2"), "embedded").manifest();
    assertEquals(
        m.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        again.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        "same input, recipe and seed: the same augmented shards");
    assertEquals(m.counts(), again.counts());
  }

  @Test
  @org.junit.jupiter.api.Tag("slow")
  void directRunnerWritesTheSameAugmentedShards() throws IOException {
    Manifest direct = run(dir.resolve("direct"), "direct").manifest();
    Manifest embedded = run(dir.resolve("embedded"), "embedded").manifest();
    assertEquals(embedded.counts(), direct.counts());
    assertEquals(
        embedded.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        direct.shards().stream().map(Manifest.FileEntry::sha256).toList());
  }

  @Test
  void aRunWithoutTheStepsHasNoneOfTheirOutput() throws IOException {
    Map<String, Object> m = recipeMap(dir.resolve("plain"));
    m.remove("augment");
    m.remove("curriculum");
    Recipe r = Recipe.from(m);
    Manifest plain =
        Curation.run(
                r,
                InputFiles.expand(r.input().paths()),
                dir.resolve("plain"),
                "embedded",
                Runners.options("embedded", null, 2))
            .manifest();
    assertEquals(0, plain.counts().augmented());
    assertNull(plain.augment());
    assertNull(plain.curriculum());
    String json = Files.readString(dir.resolve("plain/manifest.json"));
    assertFalse(json.contains("\"augment\""), "no augment section in the manifest");
    GenericRecord row = CurationTest.rows(dir.resolve("plain"), plain.shards()).get(0);
    assertNull(row.get("difficulty"));
    assertNull(row.get("augmented_from"));
  }

  @Test
  void aReservedIdLeavesBeforeDedupSoNoDuplicatePointsAtIt() throws IOException {
    // "x#aug1" would survive exact dedup over "zz-dup" (same text, so the id decides): were it
    // dead-lettered only at augmentation, zz-dup's removed row would name an id that is not kept
    Path in = dir.resolve("reserved-in");
    Files.createDirectories(in);
    String text =
        "Call me Ishmael. Some years ago, never mind how long precisely, I thought I would sail.";
    Files.write(
        in.resolve("a.jsonl"),
        List.of(
            "{\"id\": \"x#aug1\", \"text\": \"" + text + "\"}",
            "{\"id\": \"zz-dup\", \"text\": \"" + text + "\"}",
            "{\"id\": \"other\", \"text\": \"A different sentence about the whale and the sea.\"}"));
    Path out = dir.resolve("reserved");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "reserved");
    m.put("input", Map.of("path", in + "/*"));
    m.put("dedup", Map.of("exact", true));
    m.put("augment", Map.of("text", Map.of("copies", 1, "ops", Map.of("swap", 0.5))));
    m.put("output", Map.of("path", out.toString()));
    Manifest man = CurationTest.run(m, out).manifest();
    assertEquals(Map.of("augment.reserved_id", 1L), man.dead_letter_reasons());
    assertEquals(0, man.counts().duplicateTotal(), man.counts().toString());
    assertTrue(man.counts().balanced(), man.counts().toString());
    List<String> originals = new ArrayList<>();
    for (GenericRecord g : CurationTest.rows(out, man.shards())) {
      if (g.get("augmented_from") == null) originals.add(g.get("id").toString());
    }
    originals.sort(null);
    assertEquals(List.of("other", "zz-dup"), originals);
  }

  private static void assertRecipeError(String field, Map<String, Object> recipe) {
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> Recipe.from(recipe));
    assertTrue(e.getMessage().startsWith(field), field + " <- " + e.getMessage());
  }

  @Test
  void badAugmentAndCurriculumSectionsNameTheField() throws IOException {
    Path out = dir.resolve("bad");
    Map<String, Object> m = recipeMap(out);
    m.put("augment", Map.of("text", Map.of("copies", 1, "ops", Map.of("synonim", 0.1))));
    assertRecipeError("augment.text.ops.synonim", m);
    m.put("augment", Map.of("text", Map.of("copies", 1, "ops", Map.of("swap", 1.5))));
    assertRecipeError("augment.text.ops.swap", m);
    m.put("augment", Map.of("text", Map.of("copies", 1, "ops", Map.of("delete", -0.1))));
    assertRecipeError("augment.text.ops.delete", m);
    m.put("augment", Map.of("text", Map.of("copies", -1, "ops", Map.of("swap", 0.1))));
    assertRecipeError("augment.text.copies", m);
    m.put("augment", Map.of("text", Map.of("copies", 1)));
    assertRecipeError("augment.text.ops", m);
    m = recipeMap(out);
    m.put("curriculum", Map.of("difficulty", List.of("lenght")));
    assertRecipeError("curriculum.difficulty", m);
    m.put(
        "curriculum",
        Map.of("difficulty", List.of("perplexity"), "model", "m.bin", "reference", "x.jsonl"));
    assertRecipeError("curriculum.model", m);
    m.put("curriculum", Map.of("difficulty", List.of("length"), "ngram_order", 9));
    assertRecipeError("curriculum.ngram_order", m);
    // the example: a model of the run's own input by default
    m.put("curriculum", Map.of("difficulty", List.of("length", "perplexity")));
    assertEquals(List.of("input"), Recipe.from(m).curriculum().reference());
    // a model file that is not there is refused by run --check, before any work
    m.put("curriculum", Map.of("difficulty", List.of("perplexity"), "model", dir + "/none.bin"));
    Recipe missing = Recipe.from(m);
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class, () -> CurriculumModel.check(missing.curriculum()));
    assertTrue(e.getMessage().startsWith("curriculum.model"), e.getMessage());
    m.put("curriculum", Map.of("difficulty", List.of("quality")));
    m.remove("quality");
    assertRecipeError("curriculum.difficulty", m);
  }
}
