package dev.sluice.scaling.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image experiment file: parsed, planned with its --set overrides, and every bad field refused by name. */
class ImageExperimentTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(
        dir.resolve("cnn.yaml"),
        "name: cnn\ntask: image_classification\nmodel: {kind: cnn, width: 16}\n");
    Files.writeString(dir.resolve("lm.yaml"), "name: lm\nmodel: {n_layer: 1}\n");
    Files.writeString(dir.resolve("fashion.yaml"), "name: fashion\n");
    Files.createDirectories(dir.resolve("run"));
    Files.writeString(dir.resolve("run/manifest.json"), "{}");
  }

  Map<String, Object> valid() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "images");
    m.put("name", "t");
    m.put("recipe", "cnn.yaml");
    m.put("data", new LinkedHashMap<>(Map.of("recipe", "fashion.yaml", "eval", "run")));
    m.put(
        "arms",
        List.of(
            Map.of("name", "none", "policy", "none"),
            Map.of("name", "randaugment", "policy", "randaugment", "n", 2, "m", 9),
            Map.of("policy", "trivialaugment")));
    m.put(
        "grid",
        new LinkedHashMap<>(
            Map.of(
                "fractions",
                List.of("1/16", 0.25, 1),
                "widths",
                List.of(16, 8),
                "seeds",
                List.of(1, 2))));
    return m;
  }

  ImageExperiment parse(Map<String, Object> m) {
    return ImageExperiment.parse(m, "x", dir);
  }

  @Test
  void aValidFileParsesAndPlansEveryArmWidthFractionAndSeed() {
    ImageExperiment x = parse(valid());
    assertEquals(List.of(0.0625, 0.25, 1.0), x.fractions());
    assertEquals(List.of(8, 16), x.widths());
    assertEquals("none", x.control().name());
    assertEquals("trivialaugment", x.arms().get(2).name());
    assertEquals("RandAugment", x.arms().get(1).label());
    assertEquals(1000, x.resamples());
    List<ImageGrid.Point> grid = ImageGrid.of(x);
    assertEquals(3 * 2 * 3 * 2, grid.size());
    assertEquals("none/w8/f0.0625/s1", grid.get(0).id());
    assertEquals("randaugment/w16/f1/s2", grid.get(grid.size() - 3).id());
    assertEquals(
        List.of(
            "seed=2",
            "model.width=16",
            "data.fraction=1",
            "data.augment.policy=randaugment",
            "data.augment.n=2",
            "data.augment.m=9",
            "eval.data=" + dir.resolve("run")),
        ImageGrid.overrides(grid.get(grid.size() - 3), dir.resolve("run")));
  }

  void refused(
      String field, String fragment, java.util.function.Consumer<Map<String, Object>> edit) {
    Map<String, Object> m = valid();
    edit.accept(m);
    UsageException e = assertThrows(UsageException.class, () -> parse(m));
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> section(Map<String, Object> m, String key) {
    return (Map<String, Object>) m.get(key);
  }

  @Test
  void everyBadFieldIsRefusedByName() {
    refused("kind", "images", m -> m.put("kind", "image"));
    refused("recipe", "task: image_classification", m -> m.put("recipe", "lm.yaml"));
    refused("recipe", "an existing training recipe", m -> m.put("recipe", "nope.yaml"));
    refused("data", "exactly one of train", m -> section(m, "data").put("train", "run"));
    refused("data", "exactly one of train", m -> section(m, "data").remove("recipe"));
    refused("data.eval", "manifest.json", m -> section(m, "data").put("eval", "."));
    refused(
        "grid.fractions",
        "fractions in (0, 1]",
        m -> section(m, "grid").put("fractions", List.of(0.5, 2)));
    refused(
        "grid.fractions",
        "two data fractions",
        m -> section(m, "grid").put("fractions", List.of(1)));
    refused(
        "grid.fractions",
        "distinct",
        m -> section(m, "grid").put("fractions", List.of("1/2", 0.5)));
    refused("grid.widths", "whole widths", m -> section(m, "grid").put("widths", List.of(0)));
    refused("grid.seeds", "distinct seeds", m -> section(m, "grid").put("seeds", List.of(1, 1)));
    refused(
        "arms",
        "exactly one arm with policy none",
        m ->
            m.put(
                "arms",
                List.of(Map.of("policy", "randaugment"), Map.of("policy", "trivialaugment"))));
    refused(
        "arms[1].policy",
        "one of [none, randaugment, trivialaugment]",
        m -> m.put("arms", List.of(Map.of("policy", "none"), Map.of("policy", "autoaugment"))));
    refused(
        "arms[1].n",
        "RandAugment's",
        m ->
            m.put(
                "arms",
                List.of(Map.of("policy", "none"), Map.of("policy", "trivialaugment", "n", 2))));
    refused(
        "arms[1].name",
        "no other arm",
        m ->
            m.put(
                "arms",
                List.of(
                    Map.of("policy", "none"), Map.of("name", "none", "policy", "randaugment"))));
    refused(
        "arms", "at least one augmentation", m -> m.put("arms", List.of(Map.of("policy", "none"))));
    refused("grid", "budgets", m -> section(m, "grid").put("budgets", List.of(1)));
    refused("name", "not '.' or '..'", m -> m.put("name", ".."));
    refused("fit.resamples", "[40, 1000000]", m -> m.put("fit", Map.of("resamples", 1)));
  }

  @Test
  void theSampleImageExperimentsParseAndPlan() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    ImageExperiment full =
        ImageExperiment.parse(
            dev.sluice.core.config.RecipeFile.load(
                "experiment",
                root.resolve("samples/experiments/images-data-vs-compute.yaml"),
                List.of()),
            "x",
            root);
    assertEquals(3 * 3 * 5 * 2, ImageGrid.of(full).size());
    assertEquals(List.of("train.epochs=null", "train.steps=4000", "eval.every=1000"), full.set());
    assertEquals(
        root.resolve("samples/experiments/images/fashion-test.yaml"), full.data().evalRecipe());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(root.resolve("samples/recipes/fashion.yaml")),
        "samples/recipes/fashion.yaml (the 1,000 samples' recipe) arrives with the image pipeline");
    ImageExperiment smoke =
        ImageExperiment.parse(
            dev.sluice.core.config.RecipeFile.load(
                "experiment", root.resolve("samples/experiments/images-smoke.yaml"), List.of()),
            "x",
            root);
    assertEquals(2 * 2 * 2, ImageGrid.of(smoke).size());
  }
}
