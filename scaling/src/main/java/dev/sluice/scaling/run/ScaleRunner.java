package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.config.RecipeFile;
import dev.sluice.core.run.RunDir;
import dev.sluice.scaling.experiment.Experiment;
import dev.sluice.scaling.experiment.GridPlan;
import dev.sluice.scaling.pool.JsonLines;
import dev.sluice.scaling.pool.NoisyProsePool;
import dev.sluice.scaling.pool.PoolDoc;
import dev.sluice.scaling.pool.PreparedPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs what an experiment still lacks, in order: the pool (split, decontaminated), the evaluation sets as run
 * directories, each arm's curation (cached by recipe + pool hash), then every planned point not in the registry.
 * Everything is keyed so a rerun redoes nothing finished.
 */
public final class ScaleRunner {
  private final Experiment x;
  private final Path out;
  private final Launcher launcher;
  private final ScaleProgress progress;

  public ScaleRunner(Experiment x, Launcher launcher, ScaleProgress progress) {
    this.x = x;
    this.out = x.output();
    this.launcher = launcher;
    this.progress = progress;
  }

  /** The pool, prepared or reused. */
  public PreparedPool.Summary pool() throws IOException {
    Path dir = out.resolve("pool");
    String key = RecipeFile.sha256(RecipeFile.canonicalJson(poolSettings()));
    PreparedPool.Summary s = PreparedPool.existing(dir, key);
    if (s != null) {
      progress.line("pool: reused " + dir + " (" + s.train() + " training documents)");
      return s;
    }
    progress.line("pool: building and decontaminating " + dir);
    List<PoolDoc> raw, clean;
    if (x.pool().builtin() != null) {
      NoisyProsePool.Built b = NoisyProsePool.build(x.pool().builtin());
      raw = b.pool();
      clean = b.cleanEval();
    } else {
      raw = JsonLines.docs(x.pool().path(), x.pool().idField(), x.pool().textField(), "input");
      clean = JsonLines.docs(x.eval().clean(), "id", "text", "clean");
    }
    s =
        PreparedPool.prepare(
            dir, key, raw, clean, x.eval().holdoutFraction(), x.eval().nearJaccard());
    progress.line(
        String.format(
            Locale.ROOT,
            "pool: %,d raw documents -> %,d train, %,d held out, %,d clean reference;"
                + " %,d exact and %,d near copies of evaluation documents removed",
            s.raw(),
            s.train(),
            s.holdout(),
            s.clean(),
            s.decontaminatedExact(),
            s.decontaminatedNear()));
    return s;
  }

  /** What the pool is made from: the settings, and the bytes of every input file (user's or samples). */
  private Map<String, Object> poolSettings() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pool", x.resolved().get("pool"));
    m.put("eval", x.resolved().get("eval"));
    List<Path> inputs = new ArrayList<>();
    if (x.pool().builtin() != null) {
      Path samples = x.pool().builtin().samples();
      for (String f : NoisyProsePool.FILES) inputs.add(samples.resolve(f));
    } else {
      inputs.add(x.pool().path());
      inputs.add(x.eval().clean());
    }
    Map<String, String> sha = new LinkedHashMap<>();
    for (Path f : inputs)
      sha.put(f.toString(), Files.isRegularFile(f) ? RunDir.sha256(f) : "missing");
    m.put("inputs", sha);
    return m;
  }

  /** Where each evaluation set's run directory is (named by the hash of its documents); nothing is run. */
  public Map<String, Path> evalDirs() throws IOException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (String name : List.of("clean", "holdout")) {
      Path jsonl = evalJsonl(name);
      String sha = Files.isRegularFile(jsonl) ? RunDir.sha256(jsonl).substring(0, 12) : "missing";
      dirs.put(name, out.resolve("eval").resolve(name + "-" + sha));
    }
    return dirs;
  }

  private Path evalJsonl(String name) {
    return out.resolve("pool")
        .resolve(name.equals("clean") ? PreparedPool.CLEAN : PreparedPool.HOLDOUT);
  }

  /** Each evaluation set as a run directory (parse only), made once. */
  public Map<String, Path> evalSets() throws IOException {
    Map<String, Path> dirs = evalDirs();
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      String name = e.getKey();
      Path dir = e.getValue();
      if (Files.isRegularFile(dir.resolve(RunDir.MANIFEST))) continue;
      Path recipe = out.resolve("eval").resolve(name + ".yaml");
      Files.createDirectories(recipe.getParent());
      Files.writeString(
          recipe,
          "# the evaluation set, parsed only (written by sluice scale)\nname: eval-"
              + name
              + "\ninput: {format: jsonl, path: "
              + quote(evalJsonl(name))
              + "}\noutput: {path: "
              + quote(dir)
              + "}\n");
      progress.line("eval: " + name + " set -> " + dir);
      launcher.run(
          "sluice run (" + name + " evaluation set)",
          dir.resolveSibling(name + ".log"),
          "run",
          List.of(recipe.toString(), "--no-report"));
    }
    return dirs;
  }

  /**
   * Where each arm's run directory is: named by the hash of its resolved recipe and of the training pool. Arms
   * with the same recipe (a curriculum arm and its control) share the first one's directory: curated once.
   */
  public Map<String, Path> armDirs(PreparedPool.Summary pool) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    Map<String, Path> byKey = new LinkedHashMap<>();
    for (Experiment.Arm arm : x.arms()) {
      Map<String, Object> recipe = RecipeFile.load("curation recipe", arm.recipe(), arm.set());
      String key = RecipeFile.sha256(RecipeFile.canonicalJson(recipe) + "\n" + pool.trainSha256());
      dirs.put(
          arm.name(),
          byKey.computeIfAbsent(
              key, k -> out.resolve("arms").resolve(arm.name() + "-" + k.substring(0, 12))));
    }
    return dirs;
  }

  /** Every arm curated from the pool, by the real pipeline; cached by recipe and pool hash. */
  public Map<String, Path> arms(PreparedPool.Summary pool) throws IOException {
    Map<String, Path> dirs = armDirs(pool);
    Path train = out.resolve("pool").resolve(PreparedPool.TRAIN);
    for (Experiment.Arm arm : x.arms()) {
      Path dir = dirs.get(arm.name());
      if (Files.isRegularFile(dir.resolve(RunDir.MANIFEST))) {
        progress.line("arm " + arm.name() + ": curated already (" + dir.getFileName() + ")");
        continue;
      }
      progress.line(
          "arm " + arm.name() + ": curating the pool with " + arm.recipe() + " -> " + dir);
      List<String> args =
          new ArrayList<>(
              List.of(
                  arm.recipe().toString(),
                  "--input",
                  train.toString(),
                  "--output",
                  dir.toString(),
                  "--no-report"));
      for (String s : arm.set()) args.addAll(List.of("--set", s));
      launcher.run(
          "sluice run (arm " + arm.name() + ")",
          dir.resolveSibling(arm.name() + ".log"),
          "run",
          args);
    }
    return dirs;
  }

  /** Trains every planned point the registry lacks (for these arms and evaluation sets). */
  public void train(
      List<GridPlan.PlannedPoint> plan,
      Map<String, Path> arms,
      Map<String, Path> eval,
      Registry<PointResult> registry)
      throws IOException {
    progress.startGrid(plan, p -> finished(registry, p, key(x, p, arms, eval)));
    for (GridPlan.PlannedPoint p : plan) {
      String yaml = TrainRecipes.yaml(x, p);
      String key = key(x, p, arms, eval);
      if (finished(registry, p, key)) continue;
      Path dir = out.resolve("runs").resolve(p.id());
      Path data = arms.get(p.arm().name());
      // a point whose training finished but whose registry line was lost (the parent was killed
      // between the two) is read back when it was trained with this recipe on this arm
      JsonNode r = PointRuns.finished(dir, yaml, data);
      if (r == null || r.path("steps").asLong() != p.steps()) {
        progress.startPoint(p);
        r =
            PointRuns.train(
                launcher, "sluice train (point " + p.id() + ")", dir, yaml, data, x.device(), eval);
      }
      PointResult adopted = read(p, r, dir, key);
      registry.add(adopted);
      progress.donePoint(adopted);
    }
  }

  /**
   * What a point is trained and scored on, as one hash: its training recipe, its arm's run directory and the
   * evaluation sets' (their names carry the hashes of the recipe, the pool and the evaluation documents).
   */
  public static String key(
      Experiment x, GridPlan.PlannedPoint p, Map<String, Path> arms, Map<String, Path> eval) {
    return RecipeFile.sha256(
        TrainRecipes.yaml(x, p) + "\n" + arms.get(p.arm().name()) + "\n" + eval);
  }

  /** Whether the registry has this point, trained and scored on exactly what {@code key} names. */
  public static boolean finished(
      Registry<PointResult> registry, GridPlan.PlannedPoint p, String key) {
    PointResult r = registry.get(p.id());
    return r != null && key.equals(r.inputsSha256());
  }

  /** The finished points of a plan (in plan order), for these arms and evaluation sets. */
  public static List<PointResult> finishedPoints(
      Experiment x,
      List<GridPlan.PlannedPoint> plan,
      Registry<PointResult> registry,
      Map<String, Path> arms,
      Map<String, Path> eval) {
    List<PointResult> out = new ArrayList<>();
    for (GridPlan.PlannedPoint p : plan) {
      if (finished(registry, p, key(x, p, arms, eval))) out.add(registry.get(p.id()));
    }
    return out;
  }

  static PointResult read(GridPlan.PlannedPoint p, JsonNode r, Path dir, String key) {
    Map<String, Double> bpb = new LinkedHashMap<>();
    r.path("eval")
        .fields()
        .forEachRemaining(e -> bpb.put(e.getKey(), e.getValue().path("bits_per_byte").asDouble()));
    return new PointResult(
        p.id(),
        p.arm().name(),
        p.size().name(),
        p.budget(),
        p.seed(),
        r.path("params").asLong(),
        r.path("flops_per_token").asDouble(),
        r.path("steps").asLong(),
        r.path("tokens").asLong(),
        r.path("flops").asDouble(),
        r.path("unique_tokens").asLong(),
        r.path("epochs").asDouble(),
        r.path("tokens_per_second").asDouble(),
        r.path("wall_seconds").asDouble(),
        r.path("final_val_loss").asDouble(),
        bpb,
        dir.toString(),
        key);
  }

  /** Deletes a point's run folder (for --force). */
  public static void deletePoint(Path out, String id) throws IOException {
    Dirs.delete(out.resolve("runs").resolve(id));
  }

  static String quote(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }
}
