package dev.sluice.scaling.experiment;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.scaling.pool.NoisyProsePool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An experiment file (YAML; docs/scaling.md lists every key with its default), checked whole before any work:
 * an unknown key or a bad value stops {@code sluice scale} with exit 2, naming the field, the value and what is
 * allowed.
 */
public record Experiment(
    String name,
    long seed,
    Path output,
    String device,
    Pool pool,
    Eval eval,
    List<Arm> arms,
    ModelFamily model,
    Grid grid,
    Train train,
    int resamples,
    long fitSeed,
    Map<String, Object> resolved) {

  /** The raw pool: the built-in noisy prose, or a user's JSONL file (with its clean reference set). */
  public record Pool(
      NoisyProsePool.Settings builtin, Path path, String idField, String textField) {}

  /** The evaluation sets: a held-out slice of the pool (by id hash) and a clean reference set. */
  public record Eval(
      double holdoutFraction, Path clean, double nearJaccard, int sequences, String primary) {}

  /**
   * A data arm: a curation recipe run on the pool by {@code sluice run}, with optional --set overrides, and
   * optionally a curriculum for its training runs ({@code sluice train}'s {@code curriculum} section). An arm with
   * a curriculum ordered by difficulty always has its control beside it: {@code <name>-random}, the same data and
   * pacing with the order random. {@code against} names the arm this one is also compared with, besides the
   * reference: its random control for a curriculum arm, or the file's {@code against} (e.g. an augmentation arm
   * against the same curation without augmentation).
   */
  public record Arm(
      String name, Path recipe, List<String> set, Curriculum curriculum, String against) {
    public Arm(String name, Path recipe, List<String> set) {
      this(name, recipe, set, null, null);
    }
  }

  /** A training curriculum (docs/training.md): order easy_first, hard_first or random, and its pacing. */
  public record Curriculum(String order, String pacing, double start, double until, int stages) {
    public Curriculum withOrder(String o) {
      return new Curriculum(o, pacing, start, until, stages);
    }
  }

  /** One model size of the family, with the learning rate and batch tuned for it once. */
  public record Size(String name, int layers, int dModel, int heads, double lr, int batchSize) {}

  /**
   * @param tuneLr learning-rate factors tried once per size before the grid (empty: the sizes' rates as given)
   */
  public record ModelFamily(int context, int mlpRatio, List<Size> sizes, List<Double> tuneLr) {}

  /** This experiment with the sizes' learning rates replaced (the tuned ones), by size name. */
  public Experiment withLearningRates(Map<String, Double> lr) {
    List<Size> sizes =
        model.sizes().stream()
            .map(
                s ->
                    new Size(
                        s.name(),
                        s.layers(),
                        s.dModel(),
                        s.heads(),
                        lr.getOrDefault(s.name(), s.lr()),
                        s.batchSize()))
            .toList();
    return new Experiment(
        name,
        seed,
        output,
        device,
        pool,
        eval,
        arms,
        new ModelFamily(model.context(), model.mlpRatio(), sizes, model.tuneLr()),
        grid,
        train,
        resamples,
        fitSeed,
        resolved);
  }

  /**
   * @param budgets compute budgets C in FLOPs
   * @param sizesPerBudget model sizes trained per budget: the ones nearest the compute-optimal N guess
   * @param tokensPerParameter the guess: D = r N at the optimum (Chinchilla's 20 by default), N = sqrt(C / 6r)
   * @param minSteps a (size, budget) pair with fewer optimiser steps is skipped
   * @param seeds training seeds of every point
   * @param noiseSeeds extra seeds at the smallest budget, to measure seed noise
   */
  public record Grid(
      List<Double> budgets,
      int sizesPerBudget,
      double tokensPerParameter,
      int minSteps,
      List<Long> seeds,
      List<Long> noiseSeeds) {}

  public record Train(
      double warmupFraction,
      double minLrRatio,
      String schedule,
      double weightDecay,
      double gradClip,
      double valFraction) {}

  public static Experiment load(Path file, List<String> overrides) {
    Map<String, Object> map = RecipeFile.load("experiment", file, overrides);
    String fallback = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return parse(map, fallback, Path.of(""));
  }

  /** Parses a loaded experiment; relative paths (recipes, samples, pool, output) resolve against {@code base}. */
  public static Experiment parse(Map<String, Object> map, String fallbackName, Path base) {
    Config top =
        Config.of("", map)
            .allowOnly(
                "name", "seed", "output", "device", "pool", "eval", "arms", "model", "grid",
                "train", "fit");
    String name = top.getString("name", fallbackName);
    if (!safeName(name)) {
      throw new Config.ConfigException(
          "name", name, "letters, digits, '.', '_', '+' or '-' (not '.' or '..')");
    }
    String device = top.getString("device", "cpu");
    if (!device.matches("cpu|gpu|gpu:\\d+"))
      throw new Config.ConfigException("device", device, "cpu, gpu or gpu:N");
    Pool pool = pool(top.child("pool"), base);
    Config e =
        top.child("eval")
            .allowOnly(
                "holdout_fraction",
                "clean_fraction",
                "clean",
                "near_jaccard",
                "sequences",
                "primary");
    String clean = e.getString("clean", null);
    if (pool.path() != null && clean == null) {
      throw new Config.ConfigException(
          "eval.clean",
          null,
          "a JSONL file of clean reference documents (id, text), " + "required with pool.path");
    }
    if (pool.path() == null && clean != null) {
      throw new Config.ConfigException(
          "eval.clean",
          clean,
          "nothing: the built-in pool withholds its own clean "
              + "prose (pool.clean_fraction... use eval.clean_fraction)");
    }
    double holdout = e.getFraction("holdout_fraction", 0.05);
    if (!(holdout > 0 && holdout < 0.5))
      throw new Config.ConfigException("eval.holdout_fraction", holdout, "a fraction in (0, 0.5)");
    Eval eval =
        new Eval(
            holdout,
            clean == null ? null : existing(base.resolve(clean), "eval.clean", clean),
            e.getFraction("near_jaccard", 0.8),
            e.getInt("sequences", 64, 1, 1 << 20),
            e.getChoice("primary", "clean", "clean", "holdout"));
    if (pool.builtin() != null) {
      double cf = e.getFraction("clean_fraction", 0.05);
      if (!(cf > 0 && cf < 0.5))
        throw new Config.ConfigException("eval.clean_fraction", cf, "a fraction in (0, 0.5)");
      NoisyProsePool.Settings b = pool.builtin();
      pool =
          new Pool(
              new NoisyProsePool.Settings(
                  b.samples(),
                  b.seed(),
                  b.cleanDocs(),
                  b.chunkChars(),
                  b.exactCopyRate(),
                  b.nearCopyRate(),
                  b.fragments(),
                  b.htmlPages(),
                  b.otherLanguages(),
                  b.templates(),
                  cf),
              null,
              "id",
              "text");
    }
    Config f = top.child("fit").allowOnly("resamples", "seed");
    return new Experiment(
        name,
        top.getLong("seed", 1, 0, Long.MAX_VALUE),
        base.resolve(top.getString("output", "out/scale/" + name)),
        device,
        pool,
        eval,
        ArmsSection.parse(map.get("arms"), base),
        ModelSection.parse(top.getSection("model")),
        GridSection.parse(top.child("grid"), top.getLong("seed", 1, 0, Long.MAX_VALUE)),
        train(top.child("train")),
        FitSection.resamples(f),
        f.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        map);
  }

  private static Pool pool(Config p, Path base) {
    p.allowOnly(
        "builtin",
        "path",
        "id_field",
        "text_field",
        "samples",
        "seed",
        "clean_docs",
        "chunk_chars",
        "exact_copy_rate",
        "near_copy_rate",
        "fragments",
        "html_pages",
        "other_languages",
        "templates");
    if (p.has("path") == p.has("builtin")) {
      throw new Config.ConfigException(
          "pool",
          p.has("path") ? "both builtin and path" : "neither builtin nor path",
          "exactly one of builtin: noisy-prose or path: FILE.jsonl");
    }
    if (p.has("path")) {
      Path path = base.resolve(p.getString("path", null));
      if (!Files.isRegularFile(path)) {
        throw new Config.ConfigException(
            "pool.path", p.getString("path", null), "an existing JSONL file");
      }
      return new Pool(null, path, p.getString("id_field", "id"), p.getString("text_field", "text"));
    }
    p.getChoice("builtin", "noisy-prose", "noisy-prose");
    Path samples = base.resolve(p.getString("samples", "samples"));
    if (!Files.isDirectory(samples.resolve("text/en"))) {
      throw new Config.ConfigException(
          "pool.samples",
          samples.toString(),
          "the samples directory (with text/en, "
              + "text/multi and html; run from the repository root or give its path)");
    }
    return new Pool(
        new NoisyProsePool.Settings(
            samples,
            p.getLong("seed", 7, 0, Long.MAX_VALUE),
            p.getInt("clean_docs", 0, 0, Integer.MAX_VALUE),
            p.getInt("chunk_chars", 2000, 100, 1 << 20),
            p.getFraction("exact_copy_rate", 0.15),
            p.getFraction("near_copy_rate", 0.10),
            p.getInt("fragments", 2000, 0, 1 << 20),
            p.getInt("html_pages", 88, 0, 1 << 20),
            p.getInt("other_languages", 61, 0, 1 << 20),
            p.getInt("templates", 300, 0, 1 << 20),
            0.05),
        null,
        "id",
        "text");
  }

  private static Path existing(Path p, String field, String raw) {
    if (!Files.isRegularFile(p))
      throw new Config.ConfigException(field, raw, "an existing JSONL file");
    return p;
  }

  /** A name that is safe as a folder name: no separators, not "." or "..". */
  static boolean safeName(String name) {
    return name != null && name.matches("[A-Za-z0-9._+-]+") && !name.matches("\\.+");
  }

  private static Train train(Config t) {
    t.allowOnly(
        "warmup_fraction", "min_lr_ratio", "schedule", "weight_decay", "grad_clip", "val_fraction");
    return new Train(
        t.getFraction("warmup_fraction", 0.05),
        t.getFraction("min_lr_ratio", 0.1),
        t.getChoice("schedule", "cosine", "cosine", "wsd", "constant"),
        t.getDouble("weight_decay", 0.1, 0, Double.MAX_VALUE),
        t.getDouble("grad_clip", 1.0, 0, Double.MAX_VALUE),
        t.getFraction("val_fraction", 0.01));
  }
}
