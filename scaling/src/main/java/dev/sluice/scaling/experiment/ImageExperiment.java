package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * An image experiment file ({@code kind: images}; docs/scaling.md, "Images: what augmentation is worth in real
 * images", lists every key with its default): one base training recipe ({@code task: image_classification}),
 * trained for every augmentation arm, data fraction, model width and seed with {@code --set} overrides. Checked
 * whole before any work: a bad key or value exits 2 naming the field, the value and what is allowed.
 */
public record ImageExperiment(
    String name,
    long seed,
    Path output,
    String device,
    Data data,
    Path recipe,
    List<Arm> arms,
    List<Double> fractions,
    List<Integer> widths,
    List<Long> seeds,
    List<String> set,
    int resamples,
    long fitSeed,
    Map<String, Object> resolved) {
  public static final String KIND = "images";

  /**
   * The training images (a curated run directory, or a curation recipe run first) and the evaluation images (the
   * test split: a run directory, a recipe, or neither, and then the trainer's validation split is scored).
   */
  public record Data(Path train, Path recipe, List<String> set, Path eval, Path evalRecipe) {}

  /** An augmentation arm: policy none (the control), randaugment {n, m} or trivialaugment. */
  public record Arm(String name, String policy, Integer n, Integer m) {
    /** The --set overrides that select this arm's augmentation in the training recipe. */
    public List<String> overrides() {
      List<String> out = new ArrayList<>(List.of("data.augment.policy=" + policy));
      if (n != null) out.add("data.augment.n=" + n);
      if (m != null) out.add("data.augment.m=" + m);
      return out;
    }

    /** The name in sentences: RandAugment, TrivialAugment, or the arm's own name. */
    public String label() {
      return switch (policy) {
        case "randaugment" -> name.equals(policy) ? "RandAugment" : name + " (RandAugment)";
        case "trivialaugment" ->
            name.equals(policy) ? "TrivialAugment" : name + " (TrivialAugment)";
        default -> name.equals(policy) ? "no augmentation" : name;
      };
    }
  }

  /** The arm without augmentation: every multiplier is against it. */
  public Arm control() {
    return arms.stream().filter(a -> a.policy().equals("none")).findFirst().orElseThrow();
  }

  /** Whether a loaded experiment file is an image experiment. */
  public static boolean is(Map<String, Object> map) {
    return KIND.equals(String.valueOf(map.get("kind")));
  }

  public static ImageExperiment parse(Map<String, Object> map, String fallbackName, Path base) {
    Config top =
        Config.of("", map)
            .allowOnly(
                "kind", "name", "seed", "output", "device", "data", "recipe", "arms", "grid", "set",
                "fit");
    top.getChoice("kind", null, KIND);
    String name = top.getString("name", fallbackName);
    if (!Experiment.safeName(name))
      throw new Config.ConfigException(
          "name", name, "letters, digits, '.', '_', '+' or '-' (not '.' or '..')");
    String device = top.getString("device", "cpu");
    if (!device.matches("cpu|gpu|gpu:\\d+"))
      throw new Config.ConfigException("device", device, "cpu, gpu or gpu:N");
    long seed = top.getLong("seed", 1, 0, Long.MAX_VALUE);
    String recipe = top.getString("recipe", null);
    if (recipe == null || !Files.isRegularFile(base.resolve(recipe)))
      throw new Config.ConfigException(
          "recipe", recipe, "an existing training recipe with task: image_classification");
    Object task = RecipeFile.read("training recipe", base.resolve(recipe)).get("task");
    if (!"image_classification".equals(String.valueOf(task)))
      throw new Config.ConfigException(
          "recipe",
          recipe,
          "a training recipe with task: image_classification (it has " + task + ")");
    Config g = top.child("grid").allowOnly("fractions", "widths", "seeds");
    Config f = top.child("fit").allowOnly("resamples", "seed");
    return new ImageExperiment(
        name,
        seed,
        base.resolve(top.getString("output", "out/scale/" + name)),
        device,
        data(top.child("data"), base),
        base.resolve(recipe),
        ImageGrid.arms(map.get("arms")),
        ImageGrid.fractions(g),
        ImageGrid.widths(g),
        ImageGrid.seeds(g, seed),
        top.getStringList("set", List.of()),
        FitSection.resamples(f),
        f.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        map);
  }

  private static Data data(Config d, Path base) {
    d.allowOnly("train", "recipe", "set", "eval", "eval_recipe");
    if (d.has("train") == d.has("recipe"))
      throw new Config.ConfigException(
          "data",
          d.has("train") ? "both train and recipe" : "neither train nor recipe",
          "exactly one of train: RUN_DIR (curated images) or recipe: CURATION_RECIPE (run first)");
    if (d.has("eval") && d.has("eval_recipe"))
      throw new Config.ConfigException(
          "data.eval", "both eval and eval_recipe", "at most one of eval: RUN_DIR or eval_recipe");
    return new Data(
        runDir(d, "train", base),
        recipeFile(d, "recipe", base),
        d.getStringList("set", List.of()),
        runDir(d, "eval", base),
        recipeFile(d, "eval_recipe", base));
  }

  private static Path runDir(Config d, String key, Path base) {
    if (!d.has(key)) return null;
    Path p = base.resolve(d.getString(key, null));
    if (!Files.isRegularFile(p.resolve("manifest.json")))
      throw new Config.ConfigException(
          d.path(key), d.getString(key, null), "a curated run directory (with manifest.json)");
    return p;
  }

  private static Path recipeFile(Config d, String key, Path base) {
    if (!d.has(key)) return null;
    Path p = base.resolve(d.getString(key, null));
    if (!Files.isRegularFile(p))
      throw new Config.ConfigException(
          d.path(key), d.getString(key, null), "an existing curation recipe file");
    return p;
  }

  /** Checks the names of arms (used by the grid): unique and safe as folder names. */
  static void checkName(String field, String name, HashSet<String> seen) {
    if (!Experiment.safeName(name))
      throw new Config.ConfigException(
          field, name, "a name of letters, digits, '.', '_', '+' or '-'");
    if (!seen.add(name)) throw new Config.ConfigException(field, name, "a name no other arm has");
  }
}
