package dev.sluice.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeFileTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("r.yaml"), text);
  }

  @Test
  void overridesAreYamlValuesAtDottedKeys() throws IOException {
    Map<String, Object> r =
        RecipeFile.load(
            "recipe",
            yaml("name: x\nlanguage: {keep: [en]}\n"),
            List.of(
                "language.keep=[en, de]", "dedup.near.bands=16", "output.path=out/a=b", "name="));
    assertEquals(List.of("en", "de"), ((Map<?, ?>) r.get("language")).get("keep"));
    assertEquals(16, ((Map<?, ?>) ((Map<?, ?>) r.get("dedup")).get("near")).get("bands"));
    assertEquals("out/a=b", ((Map<?, ?>) r.get("output")).get("path"));
    assertEquals("", r.get("name"));
  }

  @Test
  void badFilesAndOverridesNameWhatIsWrong() throws IOException {
    Config.ConfigException missing =
        assertThrows(
            Config.ConfigException.class,
            () -> RecipeFile.load("recipe", dir.resolve("none.yaml"), List.of()));
    assertEquals(
        "recipe: got '" + dir.resolve("none.yaml") + "', expected an existing YAML file",
        missing.getMessage());
    Path list = yaml("- a\n- b\n");
    assertThrows(Config.ConfigException.class, () -> RecipeFile.load("recipe", list, List.of()));
    Path broken = yaml("input: [\n");
    Config.ConfigException bad =
        assertThrows(
            Config.ConfigException.class,
            () -> RecipeFile.load("training recipe", broken, List.of()));
    assertEquals("training recipe", bad.field());
    Config.ConfigException set =
        assertThrows(
            Config.ConfigException.class,
            () -> RecipeFile.load("recipe", yaml("name: x\n"), List.of("language.keep")));
    assertEquals("--set", set.field());
    // a key given twice: the second would silently replace the first
    Path twice = yaml("name: x\ndedup: {exact: true}\noutput: {path: o}\ndedup: {near: true}\n");
    Config.ConfigException dup =
        assertThrows(
            Config.ConfigException.class, () -> RecipeFile.load("recipe", twice, List.of()));
    org.junit.jupiter.api.Assertions.assertTrue(
        dup.getMessage().contains("Duplicate field 'dedup'"), dup.getMessage());
  }

  @Test
  void canonicalJsonSortsKeysAtEveryLevel() {
    Map<String, Object> a = new java.util.LinkedHashMap<>();
    a.put("b", Map.of("z", 1, "a", List.of(Map.of("y", 2, "x", 3))));
    a.put("a", "v");
    assertEquals(
        "{\"a\":\"v\",\"b\":{\"a\":[{\"x\":3,\"y\":2}],\"z\":1}}", RecipeFile.canonicalJson(a));
    assertEquals(64, RecipeFile.sha256(RecipeFile.canonicalJson(a)).length());
  }

  @Test
  void unknownKeysAndChoicesSuggestTheClosestAllowedOne() {
    Config c = Config.of("dedup", Map.of("exactt", true));
    Config.ConfigException e =
        assertThrows(Config.ConfigException.class, () -> c.allowOnly("exact", "near", "keep"));
    assertEquals(
        "dedup.exactt: got 'exactt', expected one of [exact, keep, near] (did you mean 'exact'?)",
        e.getMessage());
    Config out = Config.of("output", Map.of("compression", "zsdt"));
    Config.ConfigException choice =
        assertThrows(
            Config.ConfigException.class,
            () -> out.getChoice("compression", "zstd", "zstd", "snappy", "gzip", "none"));
    assertEquals(
        "output.compression: got 'zsdt', expected one of [zstd, snappy, gzip, none] (did you mean 'zstd'?)",
        choice.getMessage());
    Config top = Config.of("", Map.of("model", Map.of("n_layers", 2)));
    Config.ConfigException nested =
        assertThrows(
            Config.ConfigException.class, () -> top.child("model").allowOnly("n_layer", "d_model"));
    assertEquals("model.n_layers", nested.field());
  }

  @Test
  void didYouMeanOnlySuggestsNearMisses() {
    assertEquals(
        "language",
        DidYouMean.closest("langauge", List.of("input", "language", "quality")).orElseThrow());
    assertEquals("near", DidYouMean.closest("NEAR", List.of("exact", "near")).orElseThrow());
    assertEquals(
        java.util.Optional.empty(),
        DidYouMean.closest("colour", List.of("input", "output", "dedup")));
    assertEquals(java.util.Optional.empty(), DidYouMean.closest("ab", List.of("xy")));
    assertEquals(1, DidYouMean.distance("ab", "ba"));
    assertEquals(3, DidYouMean.distance("kitten", "sitting"));
  }
}
